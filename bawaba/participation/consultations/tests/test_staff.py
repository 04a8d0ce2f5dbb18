"""The editors' pages: attachments are PDFs of at most 10 MB served by the
portal, a draft sent back carries the approver's note, only a draft can be
changed, and nothing can be sent for review before both languages are done
(the draft and the official response alike)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.core.models import AuditEvent
from bawaba.participation import actions as participation
from bawaba.participation.consultations import actions
from bawaba.participation.consultations.models import (
    Attachment,
    Consultation,
    Paragraph,
    Response,
    Section,
)

from .conftest import consultation_make

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path) -> None:
    settings.PRIVATE_FILES_ROOT = str(tmp_path)


@pytest.fixture
def draft(provider, editor) -> Consultation:
    return consultation_make(provider, editor, published=False, slug="draft-one")


def _attach(client: Client, consultation: Consultation, content: bytes, name: str = "a.pdf"):
    return client.post(
        reverse("staff_consultations:attachment_new", kwargs={"pk": consultation.pk}),
        {
            "title_ar": "المسودة كاملة",
            "title_en": "The full draft",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def test_a_pdf_is_attached_and_served_once_published(client: Client, draft, editor):
    client.force_login(editor)
    assert _attach(client, draft, PDF).status_code == 302
    attachment = Attachment.objects.get()
    assert (
        client.get(
            reverse(
                "staff_consultations:attachment", kwargs={"pk": draft.pk, "item": attachment.pk}
            )
        ).status_code
        == 200
    )
    public = reverse("consultations:attachment", kwargs={"slug": draft.slug, "pk": attachment.pk})
    assert Client().get(public).status_code == 404
    Consultation.objects.filter(pk=draft.pk).update(review_state="published")
    response = Client().get(public)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_file_that_is_not_a_pdf_is_refused(client: Client, draft, editor):
    client.force_login(editor)
    response = _attach(client, draft, b"MZ\x90\x00 not a pdf", name="evil.pdf")
    assert response.status_code == 400
    assert Attachment.objects.count() == 0


def test_a_file_over_10_mb_is_refused(client: Client, draft, editor):
    client.force_login(editor)
    response = _attach(client, draft, PDF + b"0" * (10 * 1024 * 1024))
    assert response.status_code == 400
    assert Attachment.objects.count() == 0


def test_an_approver_sends_a_draft_back_with_a_note(client: Client, draft, editor, approver):
    client.force_login(editor)
    client.post(reverse("staff_consultations:submit", kwargs={"pk": draft.pk}))
    reviewer = Client()
    reviewer.force_login(approver)
    review = reverse("staff_consultations:review", kwargs={"pk": draft.pk})
    assert reviewer.post(review, {"decision": "send_back"}).status_code == 400
    assert (
        reviewer.post(
            review, {"decision": "send_back", "note": "Add the English summary."}
        ).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.review_state == "draft"
    page = client.get(reverse("staff_consultations:edit", kwargs={"pk": draft.pk}))
    assert "Add the English summary." in page.content.decode()


def test_a_draft_missing_english_cannot_be_sent(client: Client, draft, editor):
    Section.objects.filter(consultation=draft).update(heading_en="")
    client.force_login(editor)
    client.post(reverse("staff_consultations:submit", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.review_state == "draft"


def test_a_published_consultation_cannot_be_changed(client: Client, consultation, editor):
    client.force_login(editor)
    url = reverse("staff_consultations:paste", kwargs={"pk": consultation.pk})
    response = client.post(
        url, {"heading_ar": "ب", "heading_en": "B", "text_ar": "ن", "text_en": "T"}
    )
    assert response.status_code == 400
    assert consultation.sections.count() == 2


def test_the_paste_needs_as_many_paragraphs_in_each_language(client: Client, draft, editor):
    client.force_login(editor)
    url = reverse("staff_consultations:paste", kwargs={"pk": draft.pk})
    response = client.post(
        url, {"heading_ar": "ب", "heading_en": "B", "text_ar": "أ\n\nب", "text_en": "A"}
    )
    assert response.status_code == 400
    assert draft.sections.count() == 2


def test_the_dates_are_read_in_bahrain_and_closing_must_follow_opening(
    client: Client, draft, editor
):
    client.force_login(editor)
    url = reverse("staff_consultations:basics", kwargs={"pk": draft.pk})
    data = {
        "title_ar": "ع",
        "title_en": "T",
        "summary_ar": "م",
        "summary_en": "S",
        "opens_on": "2026-05-10",
        "opens_time": "09:00",
        "closes_on": "2026-05-01",
        "closes_time": "09:00",
    }
    assert client.post(url, data).status_code == 400
    data["closes_on"] = "2026-06-01"
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.opens_at == datetime.datetime(2026, 5, 10, 6, 0, tzinfo=datetime.UTC)


def test_the_staff_pages_answer_in_both_languages(client: Client, consultation, editor):
    client.force_login(editor)
    for language in ("ar", "en"):
        for name in ("edit", "overview", "review"):
            url = f"/{language}/staff/consultations/{consultation.pk}/"
            url += {"edit": "", "overview": "comments/", "review": "review/"}[name]
            assert client.get(url).status_code == 200, url


def test_before_opening_comments_are_refused(client: Client, provider, editor, maryam):
    upcoming = consultation_make(
        provider,
        editor,
        slug="soon",
        opens=datetime.timedelta(days=2),
        closes=datetime.timedelta(days=9),
    )
    with pytest.raises(participation.PostingError):
        actions.comment_post(user=maryam, consultation=upcoming, paragraph=None, body="Early")


def test_the_response_cannot_start_before_closing(client: Client, consultation, editor):
    client.force_login(editor)
    url = reverse("staff_consultations:response", kwargs={"pk": consultation.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title_en", "a\x00b"),
        ("title_en", "x" * 10_000),
        ("summary_ar", "y" * 10_000),
        ("opens_on", "2026-13-45"),
        ("closes_time", "25:99"),
        ("audiences", "not-a-number"),
    ],
)
def test_bad_input_on_the_editors_form_is_a_clear_error(
    client: Client, draft, editor, field, value
):
    client.force_login(editor)
    data = {
        "title_ar": "ع",
        "title_en": "T",
        "summary_ar": "م",
        "summary_en": "S",
        "opens_on": "2026-05-10",
        "opens_time": "09:00",
        "closes_on": "2026-06-10",
        "closes_time": "09:00",
        field: value,
    }
    response = client.post(reverse("staff_consultations:basics", kwargs={"pk": draft.pk}), data)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()


def test_a_paragraph_with_a_nul_byte_is_refused(client: Client, draft, editor):
    client.force_login(editor)
    section = draft.sections.get(number=1)
    url = reverse(
        "staff_consultations:paragraph_new", kwargs={"pk": draft.pk, "section": section.pk}
    )
    response = client.post(url, {"number": "9", "text_ar": "ن\x00", "text_en": "T"})
    assert response.status_code == 400
    response = client.post(url, {"number": "1", "text_ar": "ن", "text_en": "T"})
    assert response.status_code == 400  # the number is taken
    assert section.paragraphs.count() == 3


def test_an_editor_of_two_providers_chooses_whose_it_is(client: Client, provider):
    from bawaba.accounts.tests.factories import MembershipFactory, OrganisationFactory
    from bawaba.accounts.tests.factories import staff_with_two_step as make_staff

    other = OrganisationFactory.create()
    both = make_staff(provider, "editor")
    MembershipFactory.create(user=both, organisation=other, role="editor")
    client.force_login(both)
    url = reverse("staff_consultations:create")
    assert 'name="organisation"' in client.get(url).content.decode()
    data = {
        "organisation": str(other.pk),
        "title_ar": "ع",
        "title_en": "Second provider's",
        "summary_ar": "م",
        "summary_en": "S",
        "opens_on": "2026-05-10",
        "opens_time": "09:00",
        "closes_on": "2026-06-10",
        "closes_time": "09:00",
    }
    assert client.post(url, data).status_code == 302
    assert Consultation.objects.get().organisation == other
    outsider = OrganisationFactory.create()
    data["organisation"] = str(outsider.pk)
    assert client.post(url, data).status_code == 400


def _submitted(client: Client, name: str, consultation: Consultation) -> str:
    with translation.override("en"):
        url = reverse(f"staff_consultations:{name}", kwargs={"pk": consultation.pk})
    response = client.post(url, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_draft_and_the_response_are_sent_for_review_alike(
    client: Client, draft, provider, editor
):
    sent = "Sent for review. An approver of your provider will check it."
    client.force_login(editor)
    Section.objects.filter(consultation=draft).update(heading_en="")
    assert "Complete both languages first:" in _submitted(client, "submit", draft)
    Section.objects.filter(consultation=draft).update(heading_en="Part")
    assert sent in _submitted(client, "submit", draft)
    draft.refresh_from_db()
    assert draft.review_state == "in_review"

    closed = _closed(provider, editor)
    response_page = reverse("staff_consultations:response", kwargs={"pk": closed.pk})
    assert client.get(response_page).status_code == 200
    assert "Complete both languages first:" in _submitted(client, "response_submit", closed)
    Response.objects.filter(consultation=closed).update(
        heard_ar="سمعنا", heard_en="We heard", changed_ar="غيّرنا", changed_en="We changed"
    )
    assert sent in _submitted(client, "response_submit", closed)
    assert Response.objects.get(consultation=closed).review_state == "in_review"


@pytest.mark.parametrize("name", ["submit", "response_submit"])
def test_another_providers_editor_cannot_send_for_review(client: Client, consultation, name):
    client.force_login(staff_with_two_step(OrganisationFactory.create(), "editor"))
    url = reverse(f"staff_consultations:{name}", kwargs={"pk": consultation.pk})
    assert client.post(url).status_code == 404
    consultation.refresh_from_db()
    assert consultation.review_state == "published"
    assert not Response.objects.exists()


def _closed(provider, editor) -> Consultation:
    return consultation_make(
        provider,
        editor,
        slug="closed-one",
        opens=datetime.timedelta(days=-9),
        closes=datetime.timedelta(days=-1),
    )


def test_opening_the_response_page_writes_nothing_the_first_save_makes_the_draft(
    client: Client, provider, editor
):
    closed = _closed(provider, editor)
    paragraph = Paragraph.objects.filter(section__consultation=closed).first()
    assert paragraph is not None
    client.force_login(editor)
    with translation.override("en"):
        url = reverse("staff_consultations:response", kwargs={"pk": closed.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Before it can be sent for review, complete:" in page.content.decode()
    assert not Response.objects.exists()
    started = AuditEvent.objects.filter(action="consultations.response.started")
    assert not started.exists()
    # A form with errors makes nothing either; the text typed is kept.
    response = client.post(url, {"heard_en": "We heard", f"note_{paragraph.pk}_ar": "x" * 9000})
    assert response.status_code == 400
    assert "We heard" in response.content.decode()
    assert not Response.objects.exists()
    response = client.post(
        url, {"heard_en": "We heard", f"note_{paragraph.pk}_en": "Kept at 30 days"}
    )
    assert response.status_code == 302
    saved = Response.objects.get(consultation=closed)
    assert saved.heard_en == "We heard" and saved.author == editor
    assert saved.notes.get().text_en == "Kept at 30 days"
    assert editor.pk in saved.contributors
    assert started.count() == 1
    assert client.get(url).status_code == 200
    assert Response.objects.count() == 1


def test_the_response_page_of_an_open_consultation_is_not_found(
    client: Client, consultation, editor
):
    client.force_login(editor)
    url = reverse("staff_consultations:response", kwargs={"pk": consultation.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"heard_en": "Too early"}).status_code == 404
    assert not Response.objects.exists()
