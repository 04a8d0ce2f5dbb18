"""Who may do what: another provider's editor gets a 404 on every staff page;
the author cannot approve; visitors, blocked accounts and people after
closing cannot comment."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.participation import actions as participation
from bawaba.participation.consultations.models import Comment, Consultation

from .conftest import consultation_make

STAFF_PAGES: list[tuple[str, dict[str, int]]] = [
    ("staff_consultations:edit", {}),
    ("staff_consultations:basics", {}),
    ("staff_consultations:paste", {}),
    ("staff_consultations:review", {}),
    ("staff_consultations:overview", {}),
    ("staff_consultations:response", {}),
    ("staff_consultations:export_csv", {}),
    ("staff_consultations:question_new", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_another_providers_editor_gets_404(client: Client, consultation, name, kwargs):
    outsider = staff_with_two_step(OrganisationFactory.create(), "editor")
    client.force_login(outsider)
    url = reverse(name, kwargs={"pk": consultation.pk, **kwargs})
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "publish"}).status_code in (404, 405)


def test_a_citizen_gets_404_on_staff_pages(client: Client, consultation, maryam):
    client.force_login(maryam)
    assert client.get(reverse("staff_consultations:list")).status_code == 404
    url = reverse("staff_consultations:edit", kwargs={"pk": consultation.pk})
    assert client.get(url).status_code == 404


def test_the_staff_list_shows_only_the_providers_own(client: Client, consultation, provider):
    other = OrganisationFactory.create()
    other_editor = staff_with_two_step(other, "editor")
    consultation_make(other, other_editor, slug="theirs")
    client.force_login(staff_with_two_step(provider, "approver"))
    page = client.get(reverse("staff_consultations:list")).content.decode()
    assert f"/staff/consultations/{consultation.pk}/" in page
    theirs = Consultation.objects.get(slug="theirs")
    assert f"/staff/consultations/{theirs.pk}/" not in page


def test_the_author_cannot_approve_even_as_approver(client: Client, provider):
    both = staff_with_two_step(provider, "editor", "approver")
    consultation = consultation_make(provider, both, published=False)
    client.force_login(both)
    client.post(reverse("staff_consultations:submit", kwargs={"pk": consultation.pk}))
    consultation.refresh_from_db()
    assert consultation.review_state == "in_review"
    review = reverse("staff_consultations:review", kwargs={"pk": consultation.pk})
    assert client.post(review, {"decision": "publish"}).status_code == 404
    consultation.refresh_from_db()
    assert not consultation.is_published


def test_a_draft_is_not_public(client: Client, provider, editor):
    draft = consultation_make(provider, editor, published=False, slug="secret")
    assert client.get(draft.get_absolute_url()).status_code == 404
    url = reverse("consultations:paragraph", kwargs={"slug": "secret", "label": "1.1"})
    assert client.get(url).status_code == 404


def _paragraph_url(consultation) -> str:
    return reverse("consultations:paragraph", kwargs={"slug": consultation.slug, "label": "1.1"})


def test_a_visitor_cannot_comment_unless_the_consultation_allows_it(
    client: Client, provider, editor, visitor
):
    closed_to_visitors = consultation_make(provider, editor)
    client.force_login(visitor)
    response = client.post(_paragraph_url(closed_to_visitors), {"body": "A visitor's view."})
    assert response.status_code == 400
    assert "A visitor&#x27;s view." in response.content.decode()
    assert "visitors cannot take part" in response.content.decode() or Comment.objects.count() == 0
    assert Comment.objects.count() == 0
    open_to_visitors = consultation_make(
        provider, editor, slug="tourism", visitors_may_comment=True
    )
    response = client.post(_paragraph_url(open_to_visitors), {"body": "A visitor's view."})
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_signed_out_person_is_sent_to_sign_in(client: Client, consultation):
    response = client.post(_paragraph_url(consultation), {"body": "Hello"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert Comment.objects.count() == 0


def test_a_blocked_account_cannot_comment(client: Client, consultation, maryam, provider):
    moderator = staff_with_two_step(OrganisationFactory.create(slug="portal"), "portal_moderator")
    participation.account_block(user=maryam, by=moderator, reason="Abuse.")
    client.force_login(maryam)
    response = client.post(_paragraph_url(consultation), {"body": "Let me in."})
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    page = client.get(_paragraph_url(consultation)).content.decode()
    assert "stopped from posting" in page or "إيقاف" in page or "textarea" not in page


def test_after_closing_a_comment_is_refused_and_the_text_kept(
    client: Client, provider, editor, maryam
):
    consultation = consultation_make(
        provider,
        editor,
        opens=datetime.timedelta(days=-9),
        closes=datetime.timedelta(days=-1),
    )
    client.force_login(maryam)
    response = client.post(
        _paragraph_url(consultation), {"body": "My careful thoughts on this paragraph."}
    )
    assert response.status_code == 400
    assert "My careful thoughts on this paragraph." in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_new_account_waits_for_moderation(client: Client, consultation, approver):
    newcomer = UserFactory.create(date_joined=timezone.now())
    from bawaba.participation.models import ModerationCase, Participant

    Participant.objects.create(user=newcomer, display_name="Newcomer")
    client.force_login(newcomer)
    client.post(_paragraph_url(consultation), {"body": "First post ever."})
    comment = Comment.objects.get()
    assert comment.state == "pending"
    case = ModerationCase.objects.get()
    assert case.content_kind == "consultations.comment"
    assert case.organisation_id == consultation.organisation_id
    # Only its author sees it.
    assert "First post ever." in client.get(_paragraph_url(consultation)).content.decode()
    assert "First post ever." not in Client().get(_paragraph_url(consultation)).content.decode()
    moderator = staff_with_two_step(consultation.organisation, "moderator")
    participation.moderation_decide(
        case_id=case.pk, user=moderator, move="reject", reason="Off topic."
    )
    comment.refresh_from_db()
    assert comment.state == "rejected"
