"""Exports for the provider (CSV with a byte-order mark, never a CPR number
or an email address; a bilingual PDF), the home page's open consultations,
and bounded query counts on pages with many comments."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bawaba.participation.consultations import actions, selectors
from bawaba.participation.consultations.models import Comment

from .conftest import consultation_make, person


def _many_comments(consultation, count: int) -> None:
    writer = person("Crowd")
    paragraph = consultation.sections.get(number=1).paragraphs.get(number=1)
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            author=writer,
            author_name="Crowd",
            body=f"Comment {index}",
            consultation=consultation,
            paragraph=paragraph if index % 2 else None,
            created_at=now,
        )
        for index in range(count)
    )


def test_the_csv_has_every_comment_and_answer_and_no_private_details(
    client: Client, consultation, editor, maryam, business
):
    paragraph = consultation.sections.get(number=2).paragraphs.get(number=3)
    actions.comment_post(user=maryam, consultation=consultation, paragraph=paragraph, body="=1+1")
    actions.comment_post(user=business, consultation=consultation, paragraph=None, body="نوافق")
    text_question = consultation.questions.get(position=2)
    actions.answers_save(
        user=maryam, consultation=consultation, answers={text_question.pk: ("Shorter forms.", None)}
    )
    client.force_login(editor)
    response = client.get(reverse("staff_consultations:export_csv", kwargs={"pk": consultation.pk}))
    assert response.status_code == 200
    data = response.content
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "2.3" in text and "'=1+1" in text and "نوافق" in text and "Gulf Trading W.L.L." in text
    assert "Shorter forms." in text and "Maryam A." in text
    assert maryam.email not in text and maryam.cpr not in text


def test_the_pdf_summary_has_a_page_in_each_language(client: Client, consultation, editor, maryam):
    actions.comment_post(user=maryam, consultation=consultation, paragraph=None, body="Good")
    client.force_login(editor)
    response = client.get(reverse("staff_consultations:export_pdf", kwargs={"pk": consultation.pk}))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader  # type: ignore[import-not-found,unused-ignore]  # optional in the stubs

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2


def test_the_home_page_block_lists_open_consultations(provider, editor):
    consultation_make(provider, editor, slug="open-now")
    consultation_make(
        provider,
        editor,
        slug="later",
        opens=datetime.timedelta(days=3),
        closes=datetime.timedelta(days=9),
    )
    consultations = selectors.consultation_list_open(limit=3)
    assert [c.slug for c in consultations] == ["open-now"]
    html = render_to_string("consultations/home_open.html", {"consultations": consultations})
    assert "/consultations/open-now/" in html and "later" not in html


def test_the_consultation_page_with_10000_comments_takes_few_queries(
    client: Client, consultation, django_assert_max_num_queries
):
    _many_comments(consultation, 10_000)
    with django_assert_max_num_queries(15):
        response = client.get(consultation.get_absolute_url())
    assert response.status_code == 200
    assert "5000" in response.content.decode() or "5,000" in response.content.decode()


def test_a_paragraph_page_with_many_comments_takes_few_queries(
    client: Client, consultation, maryam, django_assert_max_num_queries
):
    _many_comments(consultation, 2_000)
    client.force_login(maryam)
    url = reverse("consultations:paragraph", kwargs={"slug": consultation.slug, "label": "1.1"})
    with django_assert_max_num_queries(25):
        response = client.get(url + "?page=3")
    assert response.status_code == 200
    assert response.content.decode().count('class="post') >= 20


def test_the_list_takes_few_queries(
    client: Client, provider, editor, django_assert_max_num_queries
):
    for index in range(25):
        consultation_make(provider, editor, slug=f"c-{index}")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("consultations:list"))
    assert response.status_code == 200


def test_the_staff_overview_takes_few_queries(
    client: Client, consultation, editor, django_assert_max_num_queries
):
    _many_comments(consultation, 500)
    client.force_login(editor)
    with django_assert_max_num_queries(30):
        response = client.get(
            reverse("staff_consultations:overview", kwargs={"pk": consultation.pk})
        )
    assert response.status_code == 200


def test_the_staff_list_takes_few_queries(
    client: Client, provider, editor, django_assert_max_num_queries
):
    for index in range(30):
        consultation_make(provider, editor, slug=f"s-{index}")
    client.force_login(editor)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("staff_consultations:list"))
    assert response.status_code == 200
    assert response.content.decode().count("/staff/consultations/") >= 30
