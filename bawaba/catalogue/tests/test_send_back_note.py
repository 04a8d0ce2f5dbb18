"""The approver's note when sending a change back follows the rules of every
text box: a NUL character or a note of two million characters is refused with
a translated message, on the page, the note kept as typed; nothing changes."""

import pytest
from django.utils import translation

from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.catalogue import actions
from bawaba.catalogue.content import content_of, provider_content_of
from bawaba.catalogue.models import ProviderRevision, Revision, ServiceRevision
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.catalogue.workflow import RevisionState

TWO_MB = "x" * 2_000_000


@pytest.fixture
def provider(db):
    return OrganisationFactory.create(slug="ministry-a", name_en="Ministry A")


@pytest.fixture
def approver(provider):
    return staff_with_two_step(provider, "approver")


def _in_review(provider, kind) -> tuple[Revision, str]:
    """A change waiting for review, and the address of its decision."""
    editor = staff_with_two_step(provider, "editor")
    if kind == "service":
        service = ServiceFactory.create(slug="a-service", provider=provider)
        draft = actions.revision_save_draft(user=editor, service=service, data=content_of(service))
        actions.revision_submit(user=editor, revision_id=draft.pk)
        return draft, f"/staff/catalogue/changes/{draft.pk}/decide/"
    data = {
        **provider_content_of(provider),
        "description_ar": "ما تقوم به الجهة.",
        "description_en": "What the entity does.",
        "address_ar": "المنامة",
        "address_en": "Manama",
        "opening_hours_ar": "من الأحد إلى الخميس",
        "opening_hours_en": "Sunday to Thursday",
    }
    revision = actions.provider_revision_save_draft(user=editor, provider=provider, data=data)
    actions.revision_submit(user=editor, revision_id=revision.pk, model=ProviderRevision)
    return revision, f"/staff/catalogue/provider-changes/{revision.pk}/decide/"


@pytest.mark.parametrize("kind", ["service", "provider"])
@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("Fix\x00 the fee", "Null characters are not allowed."),
        (TWO_MB, "Ensure this value has at most 2000 characters (it has 2000000)."),
    ],
)
def test_a_note_with_nul_or_two_million_characters_is_refused_and_kept(
    client, provider, approver, kind, language, note, message
):
    revision, decide = _in_review(provider, kind)
    client.force_login(approver)
    response = client.post(f"/{language}{decide}", {"decision": "send_back", "note": note})
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override(language):
        if "Null" in message:
            assert translation.gettext(message) in html
        else:
            expected = translation.ngettext(
                "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                2000,
            ) % {"limit_value": 2000, "show_value": 2_000_000}
            assert expected in html
        assert f"<title>{translation.gettext('Error:')}" in html
    assert '<a href="#send-back-note">' in html
    # What the approver typed is still in the box.
    assert note in html
    revision.refresh_from_db()
    assert revision.state == RevisionState.IN_REVIEW and revision.note == ""


@pytest.mark.parametrize("kind", ["service", "provider"])
def test_an_empty_note_is_refused_on_the_box(client, provider, approver, kind):
    revision, decide = _in_review(provider, kind)
    client.force_login(approver)
    response = client.post(f"/en{decide}", {"decision": "send_back", "note": "  \r\n "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter an answer to “What needs to change?”" in html
    assert '<a href="#send-back-note">' in html
    revision.refresh_from_db()
    assert revision.state == RevisionState.IN_REVIEW


def test_a_note_of_2000_characters_sends_the_change_back(client, provider, approver):
    revision, decide = _in_review(provider, "service")
    client.force_login(approver)
    note = "ن" * 2000
    response = client.post(f"/ar{decide}", {"decision": "send_back", "note": note})
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT and revision.note == note


@pytest.mark.parametrize("note", ["a\x00b", "n" * 2001, " "])
def test_the_send_back_action_itself_refuses_text_the_database_cannot_keep(
    provider, approver, note
):
    revision, _decide = _in_review(provider, "service")
    with pytest.raises(actions.PublishingError) as refused:
        actions.revision_send_back(user=approver, revision_id=revision.pk, note=note)
    assert refused.value.code == "catalogue.revision.note"
    revision.refresh_from_db()
    assert revision.state == RevisionState.IN_REVIEW
    assert isinstance(revision, ServiceRevision)
