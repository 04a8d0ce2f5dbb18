"""The main path through real HTTP: an editor writes and sends a draft, an
approver publishes it, a citizen comments and supports, it closes, the
response is published and every participant is told in their language."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bawaba.notifications.models import Notification
from bawaba.participation.consultations import actions, responses
from bawaba.participation.consultations.models import Comment, Consultation, Response, Support

from .conftest import consultation_make


def test_an_editor_writes_an_approver_publishes(client: Client, editor, approver, provider):
    client.force_login(editor)
    url = reverse("staff_consultations:create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title_ar": "مسودة",
            "title_en": "Draft rules",
            "summary_ar": "ملخص",
            "summary_en": "Summary",
            "opens_on": "2026-01-01",
            "opens_time": "08:00",
            "closes_on": "2026-02-01",
            "closes_time": "14:00",
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.opens_at.isoformat().startswith("2026-01-01T05:00")
    paste = reverse("staff_consultations:paste", kwargs={"pk": consultation.pk})
    response = client.post(
        paste,
        {
            "heading_ar": "أحكام عامة",
            "heading_en": "General",
            "text_ar": "الفقرة الأولى\n\nالفقرة الثانية",
            "text_en": "First paragraph\n\nSecond paragraph",
        },
    )
    assert response.status_code == 302
    assert [p.label for p in consultation.sections.get().paragraphs.all()] == ["1.1", "1.2"]
    client.post(reverse("staff_consultations:submit", kwargs={"pk": consultation.pk}))
    consultation.refresh_from_db()
    assert consultation.review_state == "in_review"
    # The author cannot publish it.
    review = reverse("staff_consultations:review", kwargs={"pk": consultation.pk})
    assert client.post(review, {"decision": "publish"}).status_code == 404
    other = Client()
    other.force_login(approver)
    assert other.get(review).status_code == 200
    assert other.post(review, {"decision": "publish"}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.is_published


def test_a_citizen_comments_supports_and_hears_of_the_response(
    client: Client, consultation, editor, approver, maryam, ali
):
    client.force_login(maryam)
    url = reverse("consultations:paragraph", kwargs={"slug": consultation.slug, "label": "2.3"})
    response = client.post(url, {"body": "Please keep the refund period at 30 days."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.paragraph is not None and comment.paragraph.label == "2.3"
    assert comment.is_published
    other = actions.comment_post(
        user=ali, consultation=consultation, paragraph=None, body="Good draft overall."
    )
    support = reverse("consultations:support", kwargs={"slug": consultation.slug, "pk": other.pk})
    assert client.post(support).status_code == 302
    other.refresh_from_db()
    assert other.support_count == 1 and Support.objects.count() == 1

    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    consultation.refresh_from_db()
    assert responses.open_and_close() == (1, 1)
    assert responses.open_and_close() == (0, 0)
    assert Notification.objects.filter(recipient=editor, event="consultations.closed").count() == 1

    staff = Client()
    staff.force_login(editor)
    response_url = reverse("staff_consultations:response", kwargs={"pk": consultation.pk})
    assert staff.get(response_url).status_code == 200
    paragraph = comment.paragraph
    assert paragraph is not None
    staff.post(
        response_url,
        {
            "heard_ar": "سمعنا",
            "heard_en": "We heard you want 30 days.",
            "changed_ar": "غيّرنا",
            "changed_en": "We kept 30 days.",
            f"note_{paragraph.pk}_ar": "أبقينا المدة",
            f"note_{paragraph.pk}_en": "Kept at 30 days",
        },
    )
    staff.post(reverse("staff_consultations:response_submit", kwargs={"pk": consultation.pk}))
    assert Response.objects.get().review_state == "in_review"
    approving = Client()
    approving.force_login(approver)
    review = reverse("staff_consultations:response_review", kwargs={"pk": consultation.pk})
    assert approving.post(review, {"decision": "publish"}).status_code == 302
    told = Notification.objects.filter(event="consultations.response_published")
    assert {(n.recipient_id, n.language) for n in told} == {(maryam.pk, "ar"), (ali.pk, "en")}
    # Again: nobody is told twice.
    responses.response_tell(response=Response.objects.get())
    assert told.count() == 2

    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "We kept 30 days." in page or "غيّرنا" in page
    assert "أبقينا المدة" in page


def test_the_list_filters_by_state(client: Client, provider, editor):
    consultation_make(provider, editor, slug="open-one")
    consultation_make(
        provider,
        editor,
        slug="closed-one",
        opens=datetime.timedelta(days=-9),
        closes=datetime.timedelta(days=-1),
    )
    page = client.get(reverse("consultations:list") + "?state=open").content.decode()
    assert "/consultations/open-one/" in page and "closed-one" not in page
    page = client.get(reverse("consultations:list") + "?state=closed").content.decode()
    assert "closed-one" in page and "open-one" not in page


def test_the_list_filters_by_provider_and_audience(client: Client, provider, editor):
    from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
    from bawaba.catalogue.models import Audience

    mine = consultation_make(provider, editor, slug="ours")
    other = OrganisationFactory.create(slug="other-provider")
    consultation_make(other, staff_with_two_step(other, "editor"), slug="theirs")
    audience = Audience.objects.create(slug="businesses", name_ar="المنشآت", name_en="Businesses")
    mine.audiences.add(audience)
    page = client.get(reverse("consultations:list") + "?provider=other-provider").content.decode()
    assert "/consultations/theirs/" in page and "/consultations/ours/" not in page
    page = client.get(reverse("consultations:list") + "?audience=businesses").content.decode()
    assert "/consultations/ours/" in page and "/consultations/theirs/" not in page


def test_the_scheduled_task_opens_and_closes(provider, editor):
    from bawaba.participation.consultations import tasks

    consultation_make(
        provider,
        editor,
        opens=datetime.timedelta(days=-9),
        closes=datetime.timedelta(days=-1),
    )
    assert tuple(tasks.open_and_close()) == (1, 1)
    assert tuple(tasks.open_and_close()) == (0, 0)
