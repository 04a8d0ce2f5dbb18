"""How we are doing: the charter's promises as numbers on a hand-built set of
cases (each rate with its numerator and denominator, None with nothing to
measure), the public pages in both languages, bad periods, and a bounded
number of queries whatever the number of providers."""

import datetime
import itertools
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.models import (
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintState,
    Kind,
    Outcome,
)
from bawaba.complaints.report import (
    compliance_figures,
    compliance_figures_by_provider,
    default_period,
    figures_by_provider_cached,
)
from bawaba.complaints.report_views import PeriodError, period_from_query
from bawaba.complaints.tasks import warm_report

pytestmark = pytest.mark.django_db

BAHRAIN = ZoneInfo("Asia/Bahrain")
NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=BAHRAIN)
JUNE = {"start": datetime.date(2026, 6, 1), "end": datetime.date(2026, 6, 30)}
_numbers = itertools.count(1)


def _at(day: int, month: int = 6) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 10, 0, tzinfo=BAHRAIN)


def _case(organisation, **fields) -> Complaint:
    fields.setdefault("kind", Kind.COMPLAINT)
    return Complaint.objects.create(
        reference=f"CMP-TEST-{next(_numbers):04d}",
        organisation=organisation,
        subject="About the service",
        details="Details.",
        **fields,
    )


@pytest.fixture
def cases():
    provider = OrganisationFactory.create(slug="roads", name_en="Roads", name_ar="الطرق")
    # Answered and closed on time.
    _case(
        provider,
        received_at=_at(2),
        acknowledged_same_day=True,
        first_response_due_at=_at(3),
        first_response_at=_at(2),
        due_at=_at(10),
        decided_at=_at(9),
        state=ComplaintState.CLOSED,
        outcome=Outcome.RESOLVED,
    )
    # By telephone, acknowledged late, answered late, closed late, reopened once.
    late = _case(
        provider,
        kind=Kind.SUGGESTION,
        channel=Channel.PHONE,
        received_at=_at(3),
        first_response_due_at=_at(4),
        first_response_at=_at(5),
        due_at=_at(10),
        decided_at=_at(12),
        state=ComplaintState.CLOSED,
        outcome=Outcome.RESOLVED,
    )
    ComplaintEvent.objects.create(complaint=late, action="reopen", state=ComplaintState.IN_PROGRESS)
    # A compliment whose first reply is not due yet: not measured, open, not overdue.
    _case(
        provider,
        kind=Kind.COMPLIMENT,
        received_at=_at(5),
        acknowledged_same_day=True,
        first_response_due_at=_at(20),
        due_at=_at(25),
    )
    # Withdrawn by the person: left out of "closed within the target"; its
    # first reply was due and never came.
    _case(
        provider,
        received_at=_at(6),
        acknowledged_same_day=True,
        first_response_due_at=_at(7),
        due_at=_at(20),
        decided_at=_at(7),
        state=ComplaintState.CLOSED,
        outcome=Outcome.WITHDRAWN,
    )
    # Received in May, still being handled and overdue now.
    _case(
        provider,
        received_at=_at(20, month=5),
        acknowledged_same_day=True,
        first_response_due_at=_at(21, month=5),
        due_at=_at(10),
        state=ComplaintState.IN_PROGRESS,
    )
    # In the triage queue, overdue.
    _case(
        None,
        kind=Kind.ENQUIRY,
        channel=Channel.PHONE,
        received_at=_at(10),
        acknowledged_same_day=True,
        due_at=_at(12),
    )
    return provider


def _rates(figures):
    return {
        name: (rate.met, rate.of, rate.percent)
        for name, rate in [
            ("acknowledged", figures.acknowledged_same_day),
            ("referred", figures.referred),
            ("first response", figures.first_response_on_time),
            ("closed on time", figures.resolved_on_time),
            ("reopened", figures.reopened),
        ]
    }


def test_a_providers_figures_count_each_promise_with_its_numerator_and_denominator(cases):
    figures = compliance_figures(organisation_id=cases.pk, now=NOW, **JUNE)
    assert figures.received == 4
    assert figures.by_kind == {
        "complaint": 2,
        "grievance": 0,
        "suggestion": 1,
        "enquiry": 0,
        "compliment": 1,
    }
    assert figures.by_channel == {"web": 3, "phone": 1}
    assert _rates(figures) == {
        "acknowledged": (3, 4, 75),
        "referred": (4, 4, 100),
        "first response": (1, 3, 33),
        "closed on time": (1, 2, 50),
        "reopened": (1, 4, 25),
    }
    assert (figures.compliments, figures.open_now, figures.overdue_now) == (1, 2, 1)


def test_the_triage_queue_and_every_case_together(cases):
    triage = compliance_figures(organisation_id=None, now=NOW, **JUNE)
    assert (triage.received, triage.overdue_now) == (1, 1)
    assert _rates(triage)["referred"] == (0, 1, 0)
    everything = compliance_figures(organisation_id="all", now=NOW, **JUNE)
    assert everything.received == 5
    assert _rates(everything)["referred"] == (4, 5, 80)
    assert (everything.open_now, everything.overdue_now) == (3, 2)


def test_nothing_to_measure_is_none_not_a_division_by_zero(cases):
    figures = compliance_figures(
        organisation_id=cases.pk,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 1, 31),
        now=NOW,
    )
    assert figures.received == 0
    assert all(percent is None for _, _, percent in _rates(figures).values())
    assert all(of == 0 for _, of, _ in _rates(figures).values())


def test_the_public_list_holds_only_active_providers_with_cases(cases):
    OrganisationFactory.create(slug="quiet")
    asleep = OrganisationFactory.create(slug="asleep", is_active=False)
    _case(asleep, received_at=_at(2))
    listed = compliance_figures_by_provider(now=NOW, **JUNE)
    assert [item.provider.slug for item in listed] == ["roads"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, (datetime.date(2026, 3, 18), datetime.date(2026, 6, 15))),
        (
            {"from": "2026-01-01", "to": "2026-01-31"},
            (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)),
        ),
        (
            {"from": "2025-06-15", "to": "2026-06-15"},
            (datetime.date(2025, 6, 15), datetime.date(2026, 6, 15)),
        ),
    ],
)
def test_the_period_defaults_to_the_last_90_days(query, expected):
    period = period_from_query(query, today=datetime.date(2026, 6, 15))
    assert (period.start, period.end) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"from": "2026-13-01"},
        {"to": "yesterday"},
        {"from": "2026-02-01", "to": "2026-01-01"},
        {"from": "2025-01-01", "to": "2026-06-15"},
    ],
)
def test_a_bad_or_too_long_period_is_refused(query):
    with pytest.raises(PeriodError):
        period_from_query(query, today=datetime.date(2026, 6, 15))


@pytest.mark.parametrize(
    ("language", "heading", "nothing"),
    [("en", "How we are doing", "Nothing to measure"), ("ar", "كيف نؤدي عملنا", "لا شيء لقياسه")],
)
def test_both_languages_render_the_list_and_a_providers_page(
    client, cases, language, heading, nothing
):
    today = timezone.localdate()
    _case(cases, received_at=timezone.now(), acknowledged_same_day=True)
    html = client.get(f"/{language}/how-we-are-doing/").content.decode()
    assert heading in html and "<svg" in html and "<caption" in html and 'scope="row"' in html
    assert f'dir="{"rtl" if language == "ar" else "ltr"}"' in html
    assert ("الطرق" if language == "ar" else "Roads") in html
    assert "<script" not in html.split("</header>", 1)[1].split("<footer", 1)[0]
    page = client.get(f"/{language}/how-we-are-doing/roads/?to={today.isoformat()}")
    assert page.status_code == 200
    text = page.content.decode()
    assert heading in text and "<bdi" in text and "<desc" in text and nothing in text


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_bad_date_gives_a_clear_message_not_an_error_page(client, language):
    response = client.get(f"/{language}/how-we-are-doing/?from=2026-02-30")
    assert response.status_code == 400
    assert ("year-month-day" if language == "en" else "السنة") in response.content.decode()
    response = client.get(f"/{language}/how-we-are-doing/?from=2024-01-01&to=2026-01-01")
    assert response.status_code == 400
    data = client.get(f"/{language}/how-we-are-doing/data.json?from=nonsense")
    assert data.status_code == 400 and data["Content-Type"] == "application/problem+json"


def test_an_unknown_or_inactive_provider_is_404(client):
    OrganisationFactory.create(slug="asleep", is_active=False)
    assert client.get("/en/how-we-are-doing/nobody/").status_code == 404
    assert client.get("/en/how-we-are-doing/asleep/").status_code == 404


def test_the_open_data_holds_the_same_figures(client, cases):
    response = client.get("/en/how-we-are-doing/data.json?from=2026-06-01&to=2026-06-30")
    data = json.loads(response.content)
    assert (data["from"], data["to"]) == ("2026-06-01", "2026-06-30")
    (roads,) = data["providers"]
    assert roads["slug"] == "roads" and roads["received"] == 4
    assert roads["acknowledged_same_day"] == {"met": 3, "of": 4, "percent": 75}
    assert roads["name_ar"] == "الطرق"


@pytest.mark.parametrize("providers", [2, 15])
def test_the_list_takes_a_fixed_number_of_queries_whatever_the_providers(
    client, django_assert_max_num_queries, providers
):
    now = timezone.now()
    for _ in range(providers):
        _case(OrganisationFactory.create(), received_at=now, due_at=now, first_response_due_at=now)
    with django_assert_max_num_queries(7):
        response = client.get("/en/how-we-are-doing/")
    assert response.content.decode().count('scope="row"') == providers
    # Cached: the second visit asks the database nothing about complaints.
    with django_assert_max_num_queries(1):
        client.get("/en/how-we-are-doing/")


def test_beat_refreshes_the_default_periods_figures_before_anyone_asks(
    db, django_assert_num_queries
):

    provider = OrganisationFactory.create()
    complaint_file(
        filing=Filing(
            kind=Kind.COMPLIMENT, subject="Thanks", details="Kind staff.", provider_id=provider.pk
        ),
        person=UserFactory.create(),
    )
    cache.clear()
    assert warm_report.apply().get() == 1
    start, end = default_period(timezone.localdate())
    with django_assert_num_queries(0):
        listed = figures_by_provider_cached(start=start, end=end)
    assert [entry.provider for entry in listed] == [provider]


def test_the_figures_are_open_data_under_the_api_too(client, db):
    response = client.get("/api/v1/complaints/figures/")
    assert response.status_code == 200
    assert set(response.json()) == {"from", "to", "providers"}


def test_asking_for_many_other_periods_is_limited(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    for day in range(1, 31):
        assert client.get(f"/en/how-we-are-doing/?from=2026-01-{day:02d}").status_code == 200
    assert client.get("/en/how-we-are-doing/?from=2026-02-01").status_code == 429
    assert client.get("/api/v1/complaints/figures/?from=2026-02-02").status_code == 429
    assert client.get("/en/how-we-are-doing/").status_code == 200  # the default period is not
