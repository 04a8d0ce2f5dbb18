"""A provider's approver schedules a version, pauses the e-service for
maintenance (drafts kept, nobody continues meanwhile), reopens and retires it,
from the provider's own pages; nobody else can."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.workflow import RevisionState
from bawaba.core.models import AuditEvent
from bawaba.eservices.models import Application, EServiceDefinition
from bawaba.eservices.tests.samples import SOURCE

pytestmark = pytest.mark.django_db
PAGE = "/en/staff/eservices/services/renew-smart-card/availability/"
START = "/en/services/renew-smart-card/apply/"
EDIT = "/en/staff/eservices/services/renew-smart-card/"
BAHRAIN = zoneinfo.ZoneInfo("Asia/Bahrain")


@pytest.fixture
def approver(eservice):
    return staff_with_two_step(eservice.service.provider, "approver")


@pytest.fixture
def editor(eservice):
    return staff_with_two_step(eservice.service.provider, "editor")


def _pause(client, **fields):
    data = {"action": "pause", "message_ar": "مغلقة للصيانة.", "message_en": "Closed for work."}
    return client.post(PAGE, {**data, **fields})


def test_pausing_keeps_drafts_but_nobody_continues_until_it_reopens(
    client, eservice, approver, applicant
):
    client.force_login(applicant)
    client.post(START)
    draft = Application.objects.get()

    client.force_login(approver)
    assert _pause(client).status_code == 302
    eservice.refresh_from_db()
    assert eservice.paused
    assert AuditEvent.objects.filter(action="eservices.eservice.paused").exists()
    html = client.get(PAGE).content.decode()
    assert "Paused for maintenance" in html and "Closed for work." in html

    client.force_login(applicant)
    assert "Closed for work." in client.get(START).content.decode()
    page = f"/en/applications/{draft.pk}/pages/applicant/"
    assert client.get(page)["Location"] == f"/en/applications/{draft.pk}/"
    detail = client.get(f"/en/applications/{draft.pk}/").content.decode()
    assert "Closed for work." in detail
    assert "Continue your application" not in detail
    response = client.post(f"/en/applications/{draft.pk}/check/", {"revision": draft.revision})
    assert response["Location"] == f"/en/applications/{draft.pk}/"
    assert Application.objects.get(pk=draft.pk).state == "draft"  # kept, and not sent

    client.force_login(approver)
    assert client.post(PAGE, {"action": "resume"}).status_code == 302
    eservice.refresh_from_db()
    assert not eservice.paused
    client.force_login(applicant)
    assert client.get(page).status_code == 200


def test_a_pause_needs_the_message_in_both_languages(client, eservice, approver):
    client.force_login(approver)
    response = _pause(client, message_en="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter “Message to applicants in English”." in html
    assert "مغلقة للصيانة." in html  # what was typed is kept
    eservice.refresh_from_db()
    assert not eservice.paused


def test_retiring_needs_confirmation_and_removes_apply_online(client, eservice, approver):
    client.force_login(approver)
    response = client.post(PAGE, {"action": "retire"})
    assert response.status_code == 400
    assert (
        "Tick the box to confirm “I understand that people can no longer apply for this "
        "service online, and that only a portal administrator can undo this.”"
    ) in response.content.decode()
    assert client.post(PAGE, {"action": "retire", "confirm": "on"}).status_code == 302
    eservice.refresh_from_db()
    assert eservice.retired_at is not None
    assert START not in client.get("/en/services/renew-smart-card/").content.decode()
    assert "no longer offered online" in client.get(START).content.decode()
    # Only a portal administrator can bring it back.
    client.post(PAGE, {"action": "resume"}, follow=True)
    _pause(client)
    eservice.refresh_from_db()
    assert eservice.retired_at is not None and not eservice.paused


def test_editors_see_availability_but_only_approvers_change_it(client, eservice, editor):
    client.force_login(editor)
    html = client.get(PAGE).content.decode()
    assert "An approver of your organisation can pause" in html
    assert _pause(client).status_code == 404
    eservice.refresh_from_db()
    assert not eservice.paused


def test_other_organisations_and_customers_get_404(client, eservice):
    outsider = staff_with_two_step(OrganisationFactory.create(), "approver")
    for person in (outsider, UserFactory.create()):
        client.force_login(person)
        assert client.get(PAGE).status_code == 404
        assert _pause(client).status_code == 404
    eservice.refresh_from_db()
    assert not eservice.paused


def _submitted_version(client, editor):
    client.force_login(editor)
    changed = SOURCE.replace("sla_working_days: 3", "sla_working_days: 2")
    assert client.post(EDIT, {"source": changed, "submit": "1"}).status_code == 302
    return EServiceDefinition.objects.get(version=2)


def test_a_version_can_be_scheduled_to_come_into_force_later(
    client, eservice, editor, approver, applicant
):
    version = _submitted_version(client, editor)
    client.force_login(approver)
    decide = f"/en/staff/eservices/versions/{version.pk}/decide/"
    past = timezone.localtime() - datetime.timedelta(hours=1)
    response = client.post(
        decide, {"decision": "publish", "available_from": past.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 400
    assert "Choose a time in the future" in response.content.decode()
    version.refresh_from_db()
    assert version.state == RevisionState.IN_REVIEW

    later = timezone.localtime() + datetime.timedelta(days=2)
    when = later.replace(hour=8, minute=0, second=0, microsecond=0)
    client.post(decide, {"decision": "publish", "available_from": when.strftime("%Y-%m-%dT%H:%M")})
    version.refresh_from_db()
    assert version.state == RevisionState.PUBLISHED
    assert version.available_from == when
    assert eservice.current_definition().version == 1
    assert eservice.current_definition(now=when).version == 2
    html = client.get(PAGE).content.decode()
    assert "Version 2, in force from" in html

    # New applications use version 1 until then.
    client.force_login(applicant)
    client.post(START)
    assert Application.objects.get().definition.version == 1


def test_a_first_version_scheduled_later_tells_applicants_when_it_opens(
    client, eservice, applicant
):
    only = eservice.definitions.get()
    only.available_from = datetime.datetime(2031, 1, 5, 8, 0, tzinfo=BAHRAIN)
    only.save()
    client.force_login(applicant)
    html = client.get(START).content.decode()
    assert "This service opens for applications on 5 January 2031 at 08:00." in html
    client.post(START)
    assert not Application.objects.exists()


def test_reopening_gives_unfinished_applications_their_full_time_again(
    client, eservice, approver, applicant
):
    client.force_login(applicant)
    client.post(START)
    draft = Application.objects.get()
    long_ago = timezone.now() - datetime.timedelta(days=27)
    Application.objects.filter(pk=draft.pk).update(updated_at=long_ago, expiry_warned_at=long_ago)
    client.force_login(approver)
    _pause(client)
    client.post(PAGE, {"action": "resume"})
    draft.refresh_from_db()
    assert draft.updated_at > timezone.now() - datetime.timedelta(minutes=1)
    assert draft.expiry_warned_at is None


def test_sending_back_ignores_a_date_typed_meanwhile(client, eservice, editor, approver):
    version = _submitted_version(client, editor)
    client.force_login(approver)
    response = client.post(
        f"/en/staff/eservices/versions/{version.pk}/decide/",
        {"decision": "send_back", "note": "Lower the fee.", "available_from": "not a date"},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.state == RevisionState.DRAFT
