"""A definition's review stages: taking an application starts the first,
"move on" goes through them in order with the role each names, the applicant
follows them, and approval waits for the last one."""

import pytest

from bawaba.accounts.tests.factories import UserFactory, staff_with_two_step
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.tests.samples import act, application_for, published_eservice
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db

STAGES = [
    {"id": "documents", "label": {"ar": "تدقيق المستندات", "en": "Checking the documents"}},
    {
        "id": "inspection",
        "label": {"ar": "الكشف الموقعي", "en": "Site inspection"},
        "role": "supervisor",
    },
]


@pytest.fixture
def application():
    service = ServiceFactory.create(slug="renew-smart-card")
    definition = published_eservice(service, stages=STAGES)
    return application_for(
        definition,
        applicant=UserFactory.create(preferred_language="en"),
        state=ApplicationState.SUBMITTED,
    )


def test_stages_run_in_order_with_their_roles_and_approval_waits_for_the_last(
    client, application, django_capture_on_commit_callbacks
):
    worker = staff_with_two_step(application.organisation, "case_worker")
    supervisor = staff_with_two_step(application.organisation, "supervisor")
    client.force_login(worker)
    assert act(client, application, "claim").status_code == 302
    application.refresh_from_db()
    assert application.stage == "documents"
    html = client.get(f"/en/staff/applications/{application.pk}/").content.decode()
    assert "Being reviewed · Checking the documents" in html
    assert "Move on to “Site inspection”" in html
    assert 'value="approve"' not in html

    early = act(client, application, "approve")
    assert early.status_code == 400
    assert "Finish the review stages first" in early.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, application, "advance").status_code == 302
    application.refresh_from_db()
    assert application.stage == "inspection"
    event = application.events.get(action="advance")
    assert (event.state, event.stage) == (ApplicationState.IN_REVIEW, "inspection")
    message = Notification.objects.get(event="application.status_changed")
    assert "Being reviewed · Site inspection" in message.body

    # The inspection stage is the supervisors' work.
    refused = act(client, application, "approve")
    assert refused.status_code == 400
    assert "Your role does not allow this." in refused.content.decode()

    client.force_login(supervisor)
    html = client.get(f"/en/staff/applications/{application.pk}/").content.decode()
    assert "Move on to" not in html  # the last stage
    last = act(client, application, "advance")
    assert last.status_code == 400
    assert "already at its last stage" in last.content.decode()
    assert act(client, application, "approve").status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED


def test_the_applicant_follows_the_stages(client, application):
    worker = staff_with_two_step(application.organisation, "case_worker")
    client.force_login(worker)
    act(client, application, "claim")
    act(client, application, "advance")
    client.force_login(application.applicant)
    html = client.get(f"/en/applications/{application.pk}/").content.decode()
    assert "Being reviewed · Site inspection" in html
    assert "Being reviewed · Checking the documents" in html  # in the history
    listing = client.get("/en/applications/").content.decode()
    assert "Being reviewed · Site inspection" in listing


def test_without_stages_there_is_nothing_to_move_on_to(client, application):
    definition = application.definition
    definition.data["workflow"].pop("stages")
    definition.save()
    worker = staff_with_two_step(application.organisation, "case_worker")
    client.force_login(worker)
    act(client, application, "claim")
    application.refresh_from_db()
    assert application.stage == ""
    assert act(client, application, "advance").status_code == 400
    assert act(client, application, "approve").status_code == 302


VETTING = {"id": "vetting", "label": {"ar": "تدقيق", "en": "Vetting"}, "role": "supervisor"}


def _with_stages(application, stage_list, **workflow):
    definition = application.definition
    definition.data["workflow"].update(stages=stage_list, **workflow)
    definition.save()


def test_the_first_stages_role_takes_the_application(client, application):
    _with_stages(
        application,
        [VETTING, *STAGES[:1]],
        approve_role="supervisor",
    )
    worker = staff_with_two_step(application.organisation, "case_worker")
    supervisor = staff_with_two_step(application.organisation, "supervisor")
    client.force_login(worker)
    assert "Take it" not in client.get(f"/en/staff/applications/{application.pk}/").content.decode()
    assert act(client, application, "claim").status_code == 400
    client.force_login(supervisor)
    assert act(client, application, "claim").status_code == 302
    application.refresh_from_db()
    assert application.stage == "vetting"


def test_moving_on_to_another_roles_stage_leaves_it_for_them_to_take(client, application):
    worker = staff_with_two_step(application.organisation, "case_worker")
    supervisor = staff_with_two_step(application.organisation, "supervisor")
    client.force_login(worker)
    act(client, application, "claim")
    act(client, application, "advance")  # into the supervisors' inspection
    application.refresh_from_db()
    assert application.assignee is None
    # Only someone with the stage's role can be given it, and notes stay open to all.
    client.force_login(supervisor)
    refused = act(client, application, "assign", assignee=worker.pk)
    assert refused.status_code == 400
    assert act(client, application, "assign", assignee=supervisor.pk).status_code == 302
    client.force_login(worker)
    assert act(client, application, "note", note="Photos of the site attached.").status_code == 302
    assert (
        act(client, application, "reject", reason="", message_ar="أ", message_en="A").status_code
        == 400
    )


def test_a_request_for_information_keeps_the_stage(client, application):
    worker = staff_with_two_step(application.organisation, "case_worker")
    client.force_login(worker)
    act(client, application, "claim")
    act(
        client,
        application,
        "request_information",
        message_ar="أرسلوا صورة أوضح.",
        message_en="Send a clearer photo.",
    )
    application.refresh_from_db()
    assert (application.state, application.stage) == ("more_information", "documents")
    client.force_login(application.applicant)
    client.post(
        f"/en/applications/{application.pk}/respond/",
        {"revision": application.revision, "text": "Attached."},
    )
    application.refresh_from_db()
    assert (application.state, application.stage) == ("in_review", "documents")


def test_an_unknown_stored_stage_counts_as_the_first(client, application):
    worker = staff_with_two_step(application.organisation, "case_worker")
    client.force_login(worker)
    act(client, application, "claim")
    Application.objects.filter(pk=application.pk).update(stage="gone")
    html = client.get(f"/en/staff/applications/{application.pk}/").content.decode()
    assert "Move on to “Site inspection”" in html
    assert act(client, application, "advance").status_code == 302
    application.refresh_from_db()
    assert application.stage == "inspection"
