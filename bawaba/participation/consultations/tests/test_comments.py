"""Comments show the chosen name (a business's for its representative),
never a CPR number or an email address; support is once and never for
one's own comment; answers are saved once a person a question."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bawaba.participation import actions as participation
from bawaba.participation.consultations import actions
from bawaba.participation.consultations.models import Answer, Comment, Support


def _url(consultation, label="1.1") -> str:
    return reverse("consultations:paragraph", kwargs={"slug": consultation.slug, "label": label})


def test_a_comment_shows_the_display_name_never_cpr_or_email(client: Client, consultation, maryam):
    client.force_login(maryam)
    client.post(_url(consultation), {"body": "Clear and fair."})
    html = Client().get(_url(consultation)).content.decode()
    assert "Maryam A." in html and "Clear and fair." in html
    assert maryam.email not in html and maryam.cpr not in html
    assert maryam.name_en not in html


def test_a_business_comments_as_its_organisation(client: Client, consultation, business):
    client.force_login(business)
    client.post(_url(consultation), {"body": "Our members agree."})
    comment = Comment.objects.get()
    assert comment.author_name == "Gulf Trading W.L.L." and comment.is_business
    html = Client().get(_url(consultation)).content.decode()
    assert "Gulf Trading W.L.L." in html


def test_markup_is_shown_as_text(client: Client, consultation, maryam):
    client.force_login(maryam)
    client.post(_url(consultation), {"body": "<script>alert(1)</script> bold"})
    html = Client().get(_url(consultation)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_comment_on_the_whole_draft(client: Client, consultation, maryam):
    client.force_login(maryam)
    url = reverse("consultations:whole", kwargs={"slug": consultation.slug})
    assert client.post(url, {"body": "Overall good."}).status_code == 302
    assert Comment.objects.get().paragraph is None


def test_support_once_and_never_ones_own(consultation, maryam, ali):
    comment = actions.comment_post(user=ali, consultation=consultation, paragraph=None, body="Hi")
    assert actions.support_add(user=maryam, comment=comment) is True
    assert actions.support_add(user=maryam, comment=comment) is False
    comment.refresh_from_db()
    assert comment.support_count == 1 and Support.objects.count() == 1
    with pytest.raises(participation.PostingError):
        actions.support_add(user=ali, comment=comment)
    assert actions.support_withdraw(user=maryam, comment=comment)
    comment.refresh_from_db()
    assert comment.support_count == 0


def test_support_through_the_page(client: Client, consultation, maryam, ali):
    paragraph = consultation.sections.get(number=1).paragraphs.get(number=1)
    comment = actions.comment_post(
        user=ali, consultation=consultation, paragraph=paragraph, body="Yes."
    )
    client.force_login(maryam)
    url = reverse("consultations:support", kwargs={"slug": consultation.slug, "pk": comment.pk})
    response = client.post(url, follow=True)
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.support_count == 1
    client.force_login(ali)
    client.post(url)
    comment.refresh_from_db()
    assert comment.support_count == 1


def test_answers_are_saved_and_replaced(client: Client, consultation, maryam):
    choice, text = consultation.questions.order_by("position")
    url = reverse("consultations:questions", kwargs={"slug": consultation.slug})
    client.force_login(maryam)
    assert client.get(url).status_code == 200
    response = client.post(url, {f"question_{choice.pk}": "0", f"question_{text.pk}": "More."})
    assert response.status_code == 302
    client.post(url, {f"question_{choice.pk}": "1", f"question_{text.pk}": "Less."})
    answers = {a.question_id: a for a in Answer.objects.all()}
    assert answers[choice.pk].choice == 1 and answers[text.pk].text == "Less."
    assert Answer.objects.count() == 2


def test_an_empty_answer_form_is_a_clear_error(client: Client, consultation, maryam):
    client.force_login(maryam)
    url = reverse("consultations:questions", kwargs={"slug": consultation.slug})
    response = client.post(url, {})
    assert response.status_code == 400
    assert Answer.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    ["", "a\x00b", "x" * 10_000],
)
def test_bad_comment_text_is_a_clear_error(client: Client, consultation, maryam, body):
    client.force_login(maryam)
    response = client.post(_url(consultation), {"body": body})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("label", ["9.9", "abc", "1.1.1", "99999999999.1", "-1.2", "%00"])
def test_garbled_paragraph_numbers_are_404(client: Client, consultation, label):
    url = f"/ar/consultations/{consultation.slug}/paragraphs/{label}/"
    assert client.get(url).status_code == 404


def test_garbled_ids_are_404(client: Client, consultation, maryam, editor):
    client.force_login(maryam)
    url = f"/ar/consultations/{consultation.slug}/comments/999999/support/"
    assert client.post(url).status_code == 404
    assert client.get(f"/ar/consultations/{consultation.slug}/attachments/99/").status_code == 404
    staff = Client()
    staff.force_login(editor)
    assert staff.get("/ar/staff/consultations/99999999/").status_code == 404
    assert (
        staff.get(f"/ar/staff/consultations/{consultation.pk}/paragraphs/999/").status_code == 404
    )


def test_garbled_list_filters_are_ignored(client: Client, consultation):
    response = client.get(reverse("consultations:list") + "?state=%00&provider=x&page=zz")
    assert response.status_code == 200


def test_answers_sent_after_closing_are_refused_and_kept(client: Client, provider, editor, maryam):
    import datetime

    from .conftest import consultation_make

    closed = consultation_make(
        provider,
        editor,
        slug="closed",
        opens=datetime.timedelta(days=-9),
        closes=datetime.timedelta(days=-1),
    )
    text = closed.questions.get(position=2)
    client.force_login(maryam)
    url = reverse("consultations:questions", kwargs={"slug": closed.slug})
    response = client.post(url, {f"question_{text.pk}": "My long considered answer."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "My long considered answer." in html
    assert Answer.objects.count() == 0


def test_the_author_changes_a_comment_soon_after_writing_it(
    client: Client, consultation, maryam, ali
):
    comment = actions.comment_post(
        user=maryam, consultation=consultation, paragraph=None, body="First thought."
    )
    url = reverse("consultations:edit", kwargs={"slug": consultation.slug, "pk": comment.pk})
    client.force_login(maryam)
    assert (
        url
        in client.get(
            reverse("consultations:whole", kwargs={"slug": consultation.slug})
        ).content.decode()
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"body": "Second thought."}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Second thought." and comment.edited_at is not None
    other = Client()
    other.force_login(ali)
    assert other.get(url).status_code == 404
    assert other.post(url, {"body": "Hijack"}).status_code == 404


def test_a_paragraph_page_links_to_the_paragraphs_before_and_after(client: Client, consultation):
    html = client.get(_url(consultation, "1.3")).content.decode()
    assert "/paragraphs/1.2/" in html and "/paragraphs/2.1/" in html
    html = client.get(_url(consultation, "1.1")).content.decode()
    assert 'rel="prev"' not in html and "/paragraphs/1.2/" in html
