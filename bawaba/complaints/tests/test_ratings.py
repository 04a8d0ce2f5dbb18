"""The one-question rating of a decided application (charter C21), through
HTTP in both languages: the owner rates once, anyone else gets a 404, an
undecided application cannot be rated, a low score offers a complaint, and
the service and provider pages show satisfaction once there are enough."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction

from bawaba.accounts.tests.factories import UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.models import Kind, Rating, TransactionRating
from bawaba.complaints.satisfaction import provider_satisfaction, service_satisfaction
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.samples import application_for, published_eservice

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ar")
HOW_DID_WE_DO = {"en": "How did we do?", "ar": "كيف كانت تجربتكم معنا؟"}
ALREADY = {"en": "You have already rated this.", "ar": "لقد قيّمتم هذا من قبل."}
WENT_WRONG = {"en": "Tell us what went wrong", "ar": "أخبرونا بما لم يسِر على ما يرام"}
SATISFACTION = {"en": "Satisfaction:", "ar": "مستوى الرضا:"}


@pytest.fixture
def service():
    return ServiceFactory.create(slug="rated-service")


@pytest.fixture
def decided(service):
    definition = published_eservice(service)
    return application_for(definition, state=ApplicationState.APPROVED)


def _url(language, application):
    return f"/{language}/accounts/ratings/application/{application.pk}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_applicant_rates_a_decided_application_once(client, decided, language):
    client.force_login(decided.applicant)
    detail = client.get(f"/{language}/applications/{decided.pk}/").content.decode()
    assert HOW_DID_WE_DO[language] in detail
    assert _url(language, decided) in detail

    page = client.get(_url(language, decided))
    assert page.status_code == 200
    assert 'name="score"' in page.content.decode()

    sent = client.post(_url(language, decided), {"score": "4", "comment": "Quick and clear"})
    assert sent.status_code == 302
    rating = TransactionRating.objects.get()
    assert (rating.subject_kind, rating.subject_id, rating.score) == (
        "application",
        str(decided.pk),
        4,
    )
    assert rating.person == decided.applicant
    assert rating.service_id == decided.definition.eservice.service_id
    assert rating.organisation_id == decided.organisation_id

    again = client.post(_url(language, decided), {"score": "1"})
    html = again.content.decode()
    assert ALREADY[language] in html
    assert 'name="score"' not in html
    assert WENT_WRONG[language] not in html
    assert TransactionRating.objects.get().score == 4


def test_someone_else_cannot_see_or_rate_the_application(client, decided):
    client.force_login(UserFactory.create())
    assert client.get(_url("en", decided)).status_code == 404
    assert client.post(_url("en", decided), {"score": "5"}).status_code == 404
    assert not TransactionRating.objects.exists()


def test_signed_out_people_are_asked_to_sign_in(client, decided):
    assert client.get(_url("en", decided)).status_code == 302


@pytest.mark.parametrize(
    "state", [ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW, ApplicationState.DRAFT]
)
def test_an_undecided_application_cannot_be_rated_nor_is_offered(client, service, state):
    application = application_for(published_eservice(service), state=state)
    client.force_login(application.applicant)
    assert client.get(_url("en", application)).status_code == 404
    assert client.post(_url("en", application), {"score": "5"}).status_code == 404
    assert not TransactionRating.objects.exists()
    if state != ApplicationState.DRAFT:
        detail = client.get(f"/en/applications/{application.pk}/").content.decode()
        assert HOW_DID_WE_DO["en"] not in detail


def test_an_unknown_kind_or_id_is_not_found(client, decided):
    client.force_login(decided.applicant)
    assert client.get(f"/en/accounts/ratings/payment/{decided.pk}/").status_code == 404
    assert client.get("/en/accounts/ratings/application/not-an-id/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("score", ["1", "2"])
def test_a_low_score_offers_a_complaint_about_the_application(client, decided, language, score):
    client.force_login(decided.applicant)
    client.post(_url(language, decided), {"score": score})
    html = client.get(_url(language, decided)).content.decode()
    assert WENT_WRONG[language] in html
    link = f"/{language}/contact/message/?kind=complaint&amp;subject=application%3A{decided.pk}"
    assert link in html


def test_a_good_score_offers_no_complaint(client, decided):
    client.force_login(decided.applicant)
    client.post(_url("en", decided), {"score": "3"})
    assert WENT_WRONG["en"] not in client.get(_url("en", decided)).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rating_without_a_score_names_the_question(client, decided, language):
    client.force_login(decided.applicant)
    html = client.post(_url(language, decided), {"comment": "x"}).content.decode()
    question = {"en": "How would you rate your experience", "ar": "كيف تقيّمون تجربتكم"}
    assert question[language] in html
    assert not TransactionRating.objects.exists()


def test_a_comment_longer_than_the_limit_is_refused(client, decided):
    client.force_login(decided.applicant)
    response = client.post(_url("en", decided), {"score": "5", "comment": "a" * 1001})
    assert response.status_code == 200
    assert not TransactionRating.objects.exists()


def test_the_database_keeps_scores_between_1_and_5_and_one_per_person(decided):
    fields = {
        "subject_kind": "application",
        "subject_id": str(decided.pk),
        "person": decided.applicant,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        TransactionRating.objects.create(score=6, **fields)
    TransactionRating.objects.create(score=5, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        TransactionRating.objects.create(score=4, **fields)


def _rated(client, definition, scores):
    for score in scores:
        application = application_for(definition, state=ApplicationState.REJECTED)
        client.force_login(application.applicant)
        assert client.post(_url("en", application), {"score": str(score)}).status_code == 302
    client.logout()


@pytest.mark.parametrize("language", LANGUAGES)
def test_satisfaction_shows_on_the_service_and_provider_pages_from_five_ratings(
    client, service, language
):
    definition = published_eservice(service)
    _rated(client, definition, [5, 4, 4, 3])
    service_page = f"/{language}/services/{service.slug}/"
    provider_page = service.provider.get_absolute_url().replace("/en/", f"/{language}/", 1)
    assert SATISFACTION[language] not in client.get(service_page).content.decode()

    _rated(client, definition, [5])
    cache.clear()  # the anonymous page cache
    html = client.get(service_page).content.decode()
    assert SATISFACTION[language] in html
    # (5 + 4 + 4 + 3 + 5) / 5 = 4.2, from 5 ratings, each number isolated.
    assert '<bdi dir="ltr">4.2</bdi>' in html
    assert '<bdi dir="ltr">5</bdi>' in html
    provider_html = client.get(provider_page).content.decode()
    assert SATISFACTION[language] in provider_html
    assert '<bdi dir="ltr">4.2</bdi>' in provider_html


def test_closed_cases_ratings_count_towards_the_service_and_provider(client, service):
    person = UserFactory.create()
    complaint = complaint_file(
        filing=Filing(
            kind=Kind.COMPLAINT,
            subject="Long wait",
            details="Three weeks.",
            provider_id=service.provider_id,
            service_id=service.pk,
        ),
        person=person,
    )
    Rating.objects.create(complaint=complaint, person=person, score=1)
    _rated(client, published_eservice(service), [5, 5, 5, 5])
    cache.clear()
    for satisfaction in (
        service_satisfaction(service.pk),
        provider_satisfaction(service.provider_id),
    ):
        assert (satisfaction.count, satisfaction.total, satisfaction.shown) == (5, 21, True)
    assert (
        '<bdi dir="ltr">4.2</bdi>' in client.get(f"/en/services/{service.slug}/").content.decode()
    )
