"""'Report a problem with this page' files a suggestion case for the page's
provider: the signed-in reader is acknowledged and finds it among their
cases, a reader not signed in is not (no contact to reach). The catalogue
on its own, with no handler, keeps the report with the page's feedback; the
reports sent before are moved into cases by migration 0005."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue import problem_reports
from bawaba.catalogue.limits import RATE_LIMITS
from bawaba.catalogue.models import PageFeedback
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.complaints.models import Complaint, ComplaintState, Kind
from bawaba.notifications.models import Notification


def _report(client, service, language="en", problem="The fee is out of date."):
    return client.post(
        f"/{language}/services/{service.slug}/report-a-problem/", {"problem": problem}
    )


@pytest.mark.django_db
def test_a_signed_in_readers_report_is_a_suggestion_for_the_provider_and_acknowledged(client):
    service = ServiceFactory.create(title_en="Electronic visa")
    person = UserFactory.create(preferred_language="en")
    client.force_login(person)
    response = _report(client, service)
    assert response.status_code == 302
    assert response["Location"] == f"/en/services/{service.slug}/"
    case = Complaint.objects.get()
    assert (case.kind, case.state) == (Kind.SUGGESTION, ComplaintState.RECEIVED)
    assert (case.organisation, case.service, case.person) == (service.provider, service, person)
    assert case.subject == "Problem with the page “Electronic visa”"
    assert case.details == "The fee is out of date."
    assert case.language == "en"
    assert list(case.events.values_list("action", flat=True)) == ["received"]
    acknowledgement = Notification.objects.get(recipient=person, event="complaint.received")
    assert case.reference in acknowledgement.subject
    # The case is in the reader's own list.
    assert case.reference in client.get("/en/accounts/cases/").content.decode()
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
def test_an_anonymous_report_is_a_case_in_the_readers_language_that_nobody_is_told_of(client):
    service = ServiceFactory.create(title_ar="التأشيرة الإلكترونية")
    _report(client, service, language="ar", problem="رقم الهاتف خاطئ.")
    case = Complaint.objects.get()
    assert (case.kind, case.organisation, case.person) == (Kind.SUGGESTION, service.provider, None)
    assert case.subject == "مشكلة في صفحة «التأشيرة الإلكترونية»"
    assert case.language == "ar"
    assert case.acknowledged_at is not None
    assert not Notification.objects.filter(event="complaint.received").exists()


@pytest.mark.django_db
def test_reports_from_one_address_are_still_limited(client):
    service = ServiceFactory.create()
    limit = int(RATE_LIMITS["problem"].split("/")[0])
    for number in range(limit):
        assert _report(client, service, problem=f"Report {number}").status_code == 302
    assert _report(client, service, problem="One more").status_code == 429
    assert Complaint.objects.count() == limit
    assert _report(Client(REMOTE_ADDR="192.0.2.77"), service).status_code == 302


@pytest.mark.django_db
def test_the_catalogue_on_its_own_keeps_the_report_with_the_pages_feedback(monkeypatch, client):
    monkeypatch.setattr(problem_reports, "_HANDLER", {})
    service = ServiceFactory.create()
    _report(client, service)
    assert list(PageFeedback.objects.values_list("service", "problem", "useful")) == [
        (service.pk, "The fee is out of date.", None)
    ]
    assert not Complaint.objects.exists()


BEFORE = [("complaints", "0004_deadline_indexes")]
AFTER = [("complaints", "0005_problem_reports")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_reports_sent_before_become_suggestion_cases_and_leave_the_feedback():
    provider = OrganisationFactory.create()
    service = ServiceFactory.create(provider=provider, title_en="Electronic visa")
    moment = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
    try:
        old = _migrate(BEFORE)
        Feedback = old.get_model("catalogue", "PageFeedback")
        rows: list[dict[str, Any]] = [
            {"problem": "Wrong phone number", "language": "en"},  # open
            {"problem": "رسوم قديمة", "language": "ar", "is_resolved": True},  # dealt with
            {"problem": "Unclear", "language": "en", "useful": False},  # a vote and a report
            {"language": "en", "useful": True},  # a vote
        ]
        for minutes, fields in enumerate(rows):
            row = Feedback.objects.create(service_id=service.pk, **fields)
            Feedback.objects.filter(pk=row.pk).update(
                created_at=moment + datetime.timedelta(minutes=minutes)
            )
        _migrate(AFTER)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    cases = {case.details: case for case in Complaint.objects.all()}
    assert set(cases) == {"Wrong phone number", "رسوم قديمة", "Unclear"}
    for case in cases.values():
        assert case.reference.startswith("CMP-")
        assert (case.kind, case.organisation, case.service) == (Kind.SUGGESTION, provider, service)
        assert case.person is None
        assert case.acknowledged_at == case.received_at
        assert not case.acknowledged_same_day
        assert case.events.values_list("action", flat=True)[0] == "received"
    opened = cases["Wrong phone number"]
    assert opened.received_at == moment
    assert opened.subject == "Problem with the page “Electronic visa”"
    assert (opened.state, opened.outcome) == (ComplaintState.RECEIVED, "")
    dealt_with = cases["رسوم قديمة"]
    assert (dealt_with.state, dealt_with.outcome) == (ComplaintState.CLOSED, "resolved")
    assert dealt_with.language == "ar"
    assert list(dealt_with.events.values_list("action", "state")) == [
        ("received", "received"),
        ("close", "closed"),
    ]
    # Nothing counted twice: the reports leave the feedback, the votes stay.
    assert list(PageFeedback.objects.order_by("created_at").values_list("useful", "problem")) == [
        (False, ""),
        (True, ""),
    ]
