"""The provider's back office over HTTP: every transition and every boundary."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bawaba.accounts.tests.factories import (
    OrganisationFactory,
    UserFactory,
    staff_with_two_step,
)
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import add_working_days
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.tests.samples import PNG, act
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(eservice):
    return staff_with_two_step(eservice.service.provider, "case_worker")


@pytest.fixture
def supervisor(eservice):
    return staff_with_two_step(eservice.service.provider, "supervisor")


def _both(ar, en):
    return {"message_ar": ar, "message_en": en}


def test_the_queue_shows_only_the_organisations_applications(client, sent, worker):
    other = staff_with_two_step(OrganisationFactory.create(), "case_worker")
    client.force_login(worker)
    html = client.get("/en/staff/applications/").content.decode()
    assert sent.reference in html
    client.force_login(other)
    assert sent.reference not in client.get("/en/staff/applications/").content.decode()
    assert client.get(f"/en/staff/applications/{sent.pk}/").status_code == 404
    assert act(client, sent, "claim").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/en/staff/applications/", "/en/staff/applications/{pk}/"],
)
def test_customers_and_staff_without_a_case_role_get_404(client, sent, path):
    client.force_login(UserFactory.create())
    assert client.get(path.format(pk=sent.pk)).status_code == 404
    editor = staff_with_two_step(sent.organisation, "editor")
    client.force_login(editor)
    assert client.get(path.format(pk=sent.pk)).status_code == 404


def test_queue_filters_and_overdue(client, sent, worker, django_assert_max_num_queries):
    client.force_login(worker)
    Application.objects.filter(pk=sent.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    html = client.get("/en/staff/applications/?overdue=1").content.decode()
    assert sent.reference in html and "Overdue" in html
    assert sent.reference not in client.get("/en/staff/applications/?assignee=me").content.decode()
    assert sent.reference in client.get("/en/staff/applications/?assignee=none").content.decode()
    assert (
        sent.reference not in client.get("/en/staff/applications/?state=approved").content.decode()
    )
    assert (
        sent.reference
        in client.get(
            "/en/staff/applications/?service=renew-smart-card&state=submitted"
        ).content.decode()
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    earlier = yesterday - datetime.timedelta(days=1)
    due_by = "/en/staff/applications/?due_by="
    assert sent.reference in client.get(f"{due_by}{yesterday.isoformat()}").content.decode()
    assert (
        sent.reference in client.get(f"{due_by}{yesterday.strftime('%d/%m/%Y')}").content.decode()
    )
    assert sent.reference not in client.get(f"{due_by}{earlier.isoformat()}").content.decode()
    bad = client.get(f"{due_by}2026-02-30").content.decode()
    assert "Enter a date, for example 31/12/2026." in bad
    assert 'value="2026-02-30"' in bad  # kept as typed
    assert sent.reference in bad  # and not used to filter
    with django_assert_max_num_queries(15):
        client.get("/en/staff/applications/")


def test_more_information_pauses_the_clock_and_the_applicant_answers(
    client,
    sent,
    worker,
    applicant,
    django_capture_on_commit_callbacks,
):
    client.force_login(worker)
    assert act(client, sent, "claim").status_code == 302
    sent.refresh_from_db()
    assert (sent.state, sent.assignee) == (ApplicationState.IN_REVIEW, worker)

    # A request needs a reason: a prepared one, or a message in both languages.
    response = act(client, sent, "request_information", **_both("", "Only English"))
    assert response.status_code == 400
    assert "both Arabic and English" in response.content.decode()
    assert "Only English" in response.content.decode()  # what was typed is kept
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, sent, "request_information", reason="photo_unclear").status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.MORE_INFORMATION and sent.paused_at is not None
    told = Notification.objects.filter(event="application.status_changed").get()
    assert "More information needed" in told.subject

    # The applicant sees the request and answers with a new photo.
    Application.objects.filter(pk=sent.pk).update(
        paused_at=timezone.now() - datetime.timedelta(days=7)
    )
    due_before = sent.due_on
    client.force_login(applicant)
    page = client.get(f"/en/applications/{sent.pk}/").content.decode()
    assert "The photo is unclear" in page
    response = client.post(
        f"/en/applications/{sent.pk}/respond/",
        {
            "revision": sent.revision,
            "text": "Here is a new photo.",
            "document": SimpleUploadedFile("new.png", PNG),
        },
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.IN_REVIEW
    assert sent.paused_at is None
    waited = 5  # a calendar week of Sunday–Thursday working days, no holiday
    assert sent.due_on in (
        add_working_days(calendar_for(), due_before, waited - 1),
        add_working_days(calendar_for(), due_before, waited),
        add_working_days(calendar_for(), due_before, waited + 1),
    )
    assert sent.documents.count() == 2


def test_two_person_approval_cannot_be_confirmed_by_the_proposer(
    client, sent, worker, supervisor, django_capture_on_commit_callbacks
):
    definition = sent.definition
    definition.data["workflow"]["second_approval"] = True
    definition.save()
    client.force_login(worker)
    act(client, sent, "claim")
    assert act(client, sent, "approve").status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.AWAITING_APPROVAL
    assert sent.recommended_by == worker
    # The case worker may not confirm: their role and the four-eyes rule both forbid it.
    assert act(client, sent, "confirm_approval").status_code == 400
    # A supervisor who proposed cannot confirm either.
    Application.objects.filter(pk=sent.pk).update(recommended_by=supervisor)
    client.force_login(supervisor)
    response = act(client, sent, "confirm_approval")
    assert "another person must confirm" in response.content.decode()
    Application.objects.filter(pk=sent.pk).update(recommended_by=worker)
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, sent, "confirm_approval", reason="approved_collect").status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.APPROVED and sent.decided_at is not None
    assert sent.events.get(action="confirm_approval").message_en.startswith("Approved.")


def test_rejection_needs_a_reason_and_tells_the_applicant(
    client,
    sent,
    worker,
    applicant,
    django_capture_on_commit_callbacks,
):
    client.force_login(worker)
    act(client, sent, "claim")
    assert act(client, sent, "reject").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            client, sent, "reject", **_both("لا تنطبق الشروط.", "The rules do not apply.")
        )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.REJECTED
    client.force_login(applicant)
    page = client.get(f"/en/applications/{sent.pk}/").content.decode()
    assert "The rules do not apply." in page


def test_internal_notes_are_never_shown_to_the_applicant(client, sent, worker, applicant):
    client.force_login(worker)
    assert act(client, sent, "note", note="Called the applicant, no answer.").status_code == 302
    assert (
        "Called the applicant" in client.get(f"/en/staff/applications/{sent.pk}/").content.decode()
    )
    client.force_login(applicant)
    assert "Called the applicant" not in client.get(f"/en/applications/{sent.pk}/").content.decode()


def test_two_people_acting_at_once_one_wins_and_the_other_keeps_their_text(client, sent, worker):
    other = staff_with_two_step(sent.organisation, "case_worker")
    client.force_login(worker)
    act(client, sent, "claim")
    sent.refresh_from_db()
    seen = sent.revision
    client.post(
        f"/en/staff/applications/{sent.pk}/act/",
        {"move": "reject", "revision": seen, **_both("سبب", "A reason")},
    )
    client.force_login(other)
    response = client.post(
        f"/en/staff/applications/{sent.pk}/act/",
        {"move": "request_information", "revision": seen, **_both("نص", "Please send X")},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else has acted on this application" in html
    sent.refresh_from_db()
    assert sent.state == ApplicationState.REJECTED


def test_the_applicant_can_withdraw_until_a_decision(client, sent, applicant):
    client.force_login(applicant)
    response = client.post(f"/en/applications/{sent.pk}/withdraw/", {"revision": sent.revision})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.WITHDRAWN
    again = client.post(f"/en/applications/{sent.pk}/withdraw/", {"revision": sent.revision})
    assert again.status_code == 302
    assert "no longer possible" in client.get(again["Location"]).content.decode()


def test_documents_go_only_to_the_applicant_and_the_providers_staff(
    client,
    sent,
    worker,
    applicant,
):
    document = sent.documents.get()
    staff_url = f"/en/staff/applications/{sent.pk}/documents/{document.pk}/"
    own_url = f"/en/applications/{sent.pk}/documents/{document.pk}/"
    client.force_login(applicant)
    response = client.get(own_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(staff_url).status_code == 404
    client.force_login(worker)
    assert client.get(staff_url).status_code == 200
    client.force_login(UserFactory.create())
    assert client.get(own_url).status_code == 404
    client.force_login(staff_with_two_step(OrganisationFactory.create(), "case_worker"))
    assert client.get(staff_url).status_code == 404


def test_approval_issues_a_readable_pdf_that_the_public_can_verify(
    client, sent, worker, applicant, django_capture_on_commit_callbacks
):
    import io

    from pypdf import PdfReader

    sent.applicant.name_ar = "مريم أحمد علي"
    sent.applicant.save()
    Application.objects.filter(pk=sent.pk).update(language="ar")
    client.force_login(worker)
    act(client, sent, "claim")
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, sent, "approve", reason="approved_collect").status_code == 302
    sent.refresh_from_db()
    issued = sent.issued_document
    assert issued.language == "ar"
    assert client.get(f"/en/staff/applications/{sent.pk}/certificate/").status_code == 200

    client.force_login(applicant)
    response = client.get(f"/en/applications/{sent.pk}/certificate/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    # Arabic comes out as readable, correctly ordered words, not isolated letters.
    assert "إشعار تجديد بطاقة الهوية" in text
    assert "مريم أحمد علي" in text
    assert "900101234" in text
    assert issued.verification_code in text
    client.force_login(UserFactory.create())
    assert client.get(f"/en/applications/{sent.pk}/certificate/").status_code == 404

    client.logout()
    page = client.get(f"/en/verify/{issued.verification_code}/").content.decode()
    assert "This document is genuine" in page
    assert "Identity card renewal notice" in page
    assert "90•••••34" in page and "900101234" not in page
    typed = client.get("/en/verify/", {"code": issued.verification_code.replace("-", "").lower()})
    assert typed["Location"] == f"/en/verify/{issued.verification_code}/"
    assert client.get("/en/verify/AAAA-BBBB-CCCC/").status_code == 404
    issued.revoked_at = timezone.now()
    issued.save()
    assert (
        "has been revoked" in client.get(f"/en/verify/{issued.verification_code}/").content.decode()
    )


@pytest.mark.parametrize(
    ("value", "masked"), [("900101234", "90•••••34"), ("AB12", "••••"), ("", "")]
)
def test_identity_numbers_are_masked_on_the_public_page(value, masked):
    from bawaba.eservices.issuing import mask_identifier

    assert mask_identifier(value) == masked


def test_the_history_of_an_application_cannot_be_changed(sent):
    from bawaba.core.models import AppendOnlyError

    event = sent.events.first()
    event.text = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        sent.events.update(text="x")
    with pytest.raises(AppendOnlyError):
        sent.events.all().delete()


@pytest.mark.postgres
def test_postgresql_refuses_to_change_the_history_even_with_raw_sql(sent):
    from django.db import DatabaseError, connection, transaction

    event = sent.events.first()
    for statement in (
        "UPDATE eservices_applicationevent SET text = 'x' WHERE id = %s",
        "DELETE FROM eservices_applicationevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])


def test_a_supervisor_assigns_to_a_colleague_of_the_same_provider_only(
    client, sent, worker, supervisor
):
    outsider = staff_with_two_step(OrganisationFactory.create(), "case_worker")
    client.force_login(worker)
    assert (
        "Give it to a colleague"
        not in client.get(f"/en/staff/applications/{sent.pk}/").content.decode()
    )
    assert act(client, sent, "assign", assignee=worker.pk).status_code == 400
    client.force_login(supervisor)
    assert act(client, sent, "assign", assignee=outsider.pk).status_code == 400
    assert act(client, sent, "assign", assignee=worker.pk).status_code == 302
    sent.refresh_from_db()
    assert (sent.state, sent.assignee) == (ApplicationState.IN_REVIEW, worker)
