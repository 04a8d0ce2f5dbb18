"""What the applicant sees of the provider's work: received, being reviewed,
more information needed, the decision; never a step inside the provider (an
approval proposed and waiting for a second person, sent back, assigned)."""

import re

import pytest
from django.core import mail

from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.conftest import sandbox_pay
from bawaba.eservices.tests.samples import act
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db

APPROVED_MESSAGE = "Approved. You will get a message when the card is ready to collect."


@pytest.fixture
def sent(client, unpaid, django_capture_on_commit_callbacks, sandbox):
    definition = unpaid.definition
    definition.data["workflow"]["second_approval"] = True
    definition.save()
    return sandbox_pay(client, unpaid, django_capture_on_commit_callbacks, sandbox)


def _told(applicant):
    return list(
        Notification.objects.filter(
            recipient=applicant, event="application.status_changed"
        ).values_list("subject", "body")
    )


def _timeline(html):
    return re.findall(r'<p class="timeline__title">([^<]*)</p>', html)


def test_a_proposed_approval_is_not_shown_or_sent_to_the_applicant(
    client, sent, applicant, django_capture_on_commit_callbacks
):
    worker = staff_with_two_step(sent.organisation, "case_worker")
    client.force_login(worker)
    act(client, sent, "claim")
    outbox = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, sent, "approve", reason="approved_collect")
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.AWAITING_APPROVAL
    assert _told(applicant) == []
    assert len(mail.outbox) == outbox
    staff_page = client.get(response["Location"]).content.decode()
    assert "Waiting for approval" in staff_page  # staff still see where it is
    assert "Done." in staff_page and "The applicant has been told" not in staff_page

    client.force_login(applicant)
    for language, being_reviewed, internal in (
        ("en", "Being reviewed", "Waiting for approval"),
        ("ar", "قيد المراجعة", "بانتظار الاعتماد"),
    ):
        html = client.get(f"/{language}/applications/{sent.pk}/").content.decode()
        assert being_reviewed in html
        assert internal not in html
        assert "Approved" not in html and "تمت الموافقة" not in html
        assert "/certificate/" not in html
        listing = client.get(f"/{language}/applications/").content.decode()
        assert being_reviewed in listing and internal not in listing
    html = client.get(f"/en/applications/{sent.pk}/").content.decode()
    assert _timeline(html) == ["Draft", "Waiting for payment", "Received", "Being reviewed"]
    assert "Withdraw application" in html  # as in any review


def test_sent_back_and_confirmed_the_applicant_hears_once_with_the_proposals_message(
    client, sent, applicant, django_capture_on_commit_callbacks
):
    worker = staff_with_two_step(sent.organisation, "case_worker")
    supervisor = staff_with_two_step(sent.organisation, "supervisor")
    client.force_login(worker)
    act(client, sent, "claim")
    with django_capture_on_commit_callbacks(execute=True):
        act(client, sent, "approve")
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, sent, "send_back").status_code == 302
        assert act(client, sent, "assign", assignee=worker.pk).status_code == 302
        assert act(client, sent, "note", note="Check the photo again.").status_code == 302
    client.force_login(worker)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, sent, "approve", reason="approved_collect")
    assert _told(applicant) == []
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, sent, "confirm_approval").status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.APPROVED
    told = _told(applicant)
    assert len(told) == 1
    subject, body = told[0]
    assert "Approved" in subject + body

    client.force_login(applicant)
    html = client.get(f"/en/applications/{sent.pk}/").content.decode()
    assert _timeline(html) == [
        "Draft",
        "Waiting for payment",
        "Received",
        "Being reviewed",
        "Approved",
    ]
    assert html.count(APPROVED_MESSAGE) == 1
    assert html.index(APPROVED_MESSAGE) > html.index('<p class="timeline__title">Approved')
    assert "Check the photo again." not in html


def test_a_request_for_more_information_reaches_the_applicant_in_order(
    client, sent, applicant, django_capture_on_commit_callbacks
):
    worker = staff_with_two_step(sent.organisation, "case_worker")
    client.force_login(worker)
    act(client, sent, "claim")
    with django_capture_on_commit_callbacks(execute=True):
        act(client, sent, "request_information", reason="photo_unclear")
    assert len(_told(applicant)) == 1
    client.force_login(applicant)
    html = client.get(f"/en/applications/{sent.pk}/").content.decode()
    assert _timeline(html)[-2:] == ["Being reviewed", "More information needed"]
    assert "The provider needs more information" in html
    assert html.count("The photo is unclear") == 2  # above the answer box, and in the history
