"""Providers write, review and publish e-service definitions, four eyes."""

import pytest

from bawaba.accounts.tests.factories import (
    OrganisationFactory,
    staff_with_two_step,
)
from bawaba.catalogue.workflow import RevisionState
from bawaba.core.models import AuditEvent
from bawaba.eservices.models import EServiceDefinition
from bawaba.eservices.tests.samples import SOURCE

pytestmark = pytest.mark.django_db
EDIT = "/en/staff/eservices/services/renew-smart-card/"


@pytest.fixture
def editor(eservice):
    return staff_with_two_step(eservice.service.provider, "editor")


@pytest.fixture
def approver(eservice):
    return staff_with_two_step(eservice.service.provider, "approver")


def test_a_new_version_is_checked_reviewed_and_published_by_another_person(
    client, eservice, editor, approver
):
    client.force_login(editor)
    page = client.get(EDIT).content.decode()
    assert "service: renew-smart-card" in page  # starts from the published version

    broken = SOURCE.replace("sla_working_days: 3", "sla_working_days: soon")
    response = client.post(EDIT, {"source": broken, "save": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "sla_working_days" in html and "This must be a whole number." in html
    assert "sla_working_days: soon" in html  # nothing typed is lost
    assert EServiceDefinition.objects.count() == 1

    changed = SOURCE.replace("sla_working_days: 3", "sla_working_days: 2")
    assert client.post(EDIT, {"source": changed, "submit": "1"}).status_code == 302
    version = EServiceDefinition.objects.get(version=2)
    assert version.state == RevisionState.IN_REVIEW
    assert eservice.current_definition().version == 1  # applicants still see version 1

    # The author cannot publish their own version.
    both = staff_with_two_step(eservice.service.provider, "editor", "approver")
    client.force_login(both)
    version.author = both
    version.save()
    client.post(f"/en/staff/eservices/versions/{version.pk}/decide/", {"decision": "publish"})
    version.refresh_from_db()
    assert version.state == RevisionState.IN_REVIEW

    client.force_login(approver)
    preview = client.get(f"/en/staff/eservices/versions/{version.pk}/").content.decode()
    assert "As applicants will see it" in preview
    assert "Why are you renewing the card?" in preview
    client.post(f"/en/staff/eservices/versions/{version.pk}/decide/", {"decision": "publish"})
    version.refresh_from_db()
    assert version.state == RevisionState.PUBLISHED
    assert eservice.current_definition().version == 2
    assert AuditEvent.objects.filter(action="eservices.definition.published").exists()


def test_sending_back_needs_a_note_and_returns_the_draft_to_its_editor(
    client, eservice, editor, approver
):
    client.force_login(editor)
    client.post(EDIT, {"source": SOURCE, "submit": "1"})
    version = EServiceDefinition.objects.get(version=2)
    client.force_login(approver)
    url = f"/en/staff/eservices/versions/{version.pk}/decide/"
    client.post(url, {"decision": "send_back"})
    version.refresh_from_db()
    assert version.state == RevisionState.IN_REVIEW
    client.post(url, {"decision": "send_back", "note": "Lower the fee."})
    version.refresh_from_db()
    assert (version.state, version.note) == (RevisionState.DRAFT, "Lower the fee.")
    client.force_login(editor)
    assert "Lower the fee." in client.get(EDIT).content.decode()


def test_a_definition_for_another_service_is_refused(client, eservice, editor):
    client.force_login(editor)
    other = SOURCE.replace("service: renew-smart-card", "service: something-else")
    response = client.post(EDIT, {"source": other, "save": "1"})
    assert "This definition is for “something-else”, not for this service." in (
        response.content.decode()
    )


def test_other_organisations_and_customers_get_404(client, eservice, citizen):
    client.force_login(citizen)
    assert client.get(EDIT).status_code == 404
    outsider = staff_with_two_step(OrganisationFactory.create(), "editor", "approver")
    client.force_login(outsider)
    assert client.get(EDIT).status_code == 404
    version = eservice.definitions.get()
    assert client.get(f"/en/staff/eservices/versions/{version.pk}/").status_code == 404
    assert client.post(f"/en/staff/eservices/versions/{version.pk}/decide/").status_code == 404
    assert "renew-smart-card" not in client.get("/en/staff/eservices/").content.decode()


def test_a_definition_can_be_uploaded_as_a_file(client, eservice, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    changed = SOURCE.replace("sla_working_days: 3", "sla_working_days: 4")
    upload = SimpleUploadedFile("renew.yaml", changed.encode("utf-8"), content_type="text/yaml")
    response = client.post(EDIT, {"source": "ignored", "save": "1", "definition_file": upload})
    assert response.status_code == 302
    assert EServiceDefinition.objects.get(version=2).data["sla_working_days"] == 4

    binary = SimpleUploadedFile("photo.yaml", b"\xff\xd8\xff\xe0" + b"\x00" * 20)
    response = client.post(EDIT, {"source": "kept: text", "save": "1", "definition_file": binary})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Upload a YAML or JSON file of at most 256 KB, saved as UTF-8." in html
    assert "kept: text" in html


def test_whoever_wrote_any_part_of_a_version_cannot_publish_it(client, eservice, approver):
    """X writes, it is sent back, Y re-saves it unchanged and sends it: X still cannot publish."""
    from bawaba.eservices import publishing

    provider = eservice.service.provider
    writer = staff_with_two_step(provider, "editor", "approver")
    other_editor = staff_with_two_step(provider, "editor")
    words = SOURCE.replace("sla_working_days: 3", "sla_working_days: 1")
    version = publishing.definition_save_draft(user=writer, service=eservice.service, source=words)
    publishing.definition_submit(user=writer, definition_id=version.pk)
    publishing.definition_decide(
        user=approver, definition_id=version.pk, publish=False, note="Check again."
    )
    client.force_login(other_editor)
    assert client.post(EDIT, {"source": words, "submit": "1"}).status_code == 302
    version.refresh_from_db()
    assert version.state == RevisionState.IN_REVIEW
    assert set(version.contributors.all()) == {writer, other_editor}

    client.force_login(writer)
    page = client.get(f"/en/staff/eservices/versions/{version.pk}/").content.decode()
    assert 'value="publish"' not in page
    client.post(f"/en/staff/eservices/versions/{version.pk}/decide/", {"decision": "publish"})
    version.refresh_from_db()
    assert version.state == RevisionState.IN_REVIEW
    assert eservice.current_definition().version == 1
    publishing.definition_decide(user=approver, definition_id=version.pk, publish=True)
    assert eservice.current_definition().version == 2


def test_a_version_already_decided_cannot_be_decided_again(eservice, editor, approver):
    from django.utils import translation

    from bawaba.eservices import publishing

    second = staff_with_two_step(eservice.service.provider, "approver")
    version = publishing.definition_save_draft(user=editor, service=eservice.service, source=SOURCE)
    publishing.definition_submit(user=editor, definition_id=version.pk)
    publishing.definition_decide(user=approver, definition_id=version.pk, publish=True)
    with translation.override("en"), pytest.raises(publishing.DefinitionPublishingError) as error:
        publishing.definition_decide(
            user=second, definition_id=version.pk, publish=False, note="Too late."
        )
    assert error.value.code == "eservices.stale"
    assert str(error.value.message) == (
        "This version has already been dealt with by someone else. Reload the page."
    )
    version.refresh_from_db()
    assert (version.state, version.note, version.decided_by) == (
        RevisionState.PUBLISHED,
        "",
        approver,
    )
