"""What the person does on their own case, through the pages, in both
languages: answer a request for information (the clock starts again), add
information, withdraw, reopen within the window, rate once."""

import datetime

import pytest
from django.utils import timezone, translation

from bawaba.accounts.tests.factories import UserFactory
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.case_kind import COMPLAINTS
from bawaba.complaints.models import Complaint, ComplaintState, Kind, Outcome, Rating

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ar")


@pytest.fixture
def filed():
    person = UserFactory.create()
    complaint = complaint_file(
        filing=Filing(kind=Kind.COMPLAINT, subject="Long wait", details="Three weeks."),
        person=person,
    )
    return person, complaint


def _set(complaint, **values):
    Complaint.objects.filter(pk=complaint.pk).update(**values)
    complaint.refresh_from_db()
    return complaint


def _url(language, complaint, action=""):
    return f"/{language}/accounts/cases/{complaint.pk}/{action}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_answer_resumes_the_clock_and_the_case_is_handled_again(client, filed, language):
    person, complaint = filed
    paused = timezone.now() - datetime.timedelta(days=7)
    _set(complaint, state=ComplaintState.MORE_INFORMATION, paused_at=paused)
    due_before = complaint.due_at
    client.force_login(person)
    page = client.get(_url(language, complaint)).content.decode()
    assert 'name="revision"' in page and "csrfmiddlewaretoken" in page
    response = client.post(
        _url(language, complaint, "answer/"),
        {"revision": complaint.revision, "text": "The receipt number is 1234."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.IN_PROGRESS
    assert complaint.paused_at is None and complaint.due_at > due_before
    event = complaint.events.get(action="respond")
    assert event.text == "The receipt number is 1234." and event.actor == person
    assert "The receipt number is 1234." in client.get(_url(language, complaint)).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_answer_is_named_in_the_error_summary(client, filed, language):
    person, complaint = filed
    _set(complaint, state=ComplaintState.MORE_INFORMATION, paused_at=timezone.now())
    client.force_login(person)
    response = client.post(_url(language, complaint, "answer/"), {"revision": complaint.revision})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).state == ComplaintState.MORE_INFORMATION


@pytest.mark.parametrize("language", LANGUAGES)
def test_added_information_is_in_the_history_and_the_state_stays(client, filed, language):
    person, complaint = filed
    client.force_login(person)
    response = client.post(
        _url(language, complaint, "add/"),
        {"revision": complaint.revision, "text": "It happened again today."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.RECEIVED and complaint.revision == 1
    assert complaint.events.get(action="information_added").visibility == "person"
    assert "It happened again today." in client.get(_url(language, complaint)).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_person_withdraws_an_open_case(client, filed, language):
    person, complaint = filed
    client.force_login(person)
    response = client.post(_url(language, complaint, "withdraw/"), {"revision": 0})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.CLOSED
    assert complaint.outcome == Outcome.WITHDRAWN and complaint.decided_at is not None
    assert complaint.events.filter(action="withdraw").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_closed_case_is_reopened_within_the_window_with_a_reason(client, filed, language):
    person, complaint = filed
    _set(
        complaint, state=ComplaintState.CLOSED, outcome=Outcome.RESOLVED, decided_at=timezone.now()
    )
    client.force_login(person)
    assert 'name="reason"' in client.get(_url(language, complaint)).content.decode()
    response = client.post(
        _url(language, complaint, "reopen/"),
        {"revision": complaint.revision, "reason": "Nothing was fixed."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.IN_PROGRESS
    assert complaint.outcome == "" and complaint.decided_at is None
    assert complaint.due_at > timezone.now()
    assert complaint.events.get(action="reopen").text == "Nothing was fixed."


@pytest.mark.parametrize("language", LANGUAGES)
def test_reopening_is_refused_after_the_window(client, filed, language, settings):
    settings.COMPLAINTS_REOPEN_WORKING_DAYS = 10
    person, complaint = filed
    closed = timezone.now() - datetime.timedelta(days=40)
    _set(complaint, state=ComplaintState.CLOSED, outcome=Outcome.RESOLVED, decided_at=closed)
    client.force_login(person)
    assert 'name="reason"' not in client.get(_url(language, complaint)).content.decode()
    response = client.post(
        _url(language, complaint, "reopen/"),
        {"revision": complaint.revision, "reason": "Still broken."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html and "Still broken." in html
    assert Complaint.objects.get(pk=complaint.pk).state == ComplaintState.CLOSED


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_case_is_rated_once_and_a_low_score_offers_a_grievance(client, filed, language):
    person, complaint = filed
    _set(
        complaint,
        state=ComplaintState.CLOSED,
        outcome=Outcome.NOT_UPHELD,
        decided_at=timezone.now(),
    )
    client.force_login(person)
    assert 'name="score"' in client.get(_url(language, complaint)).content.decode()
    url = _url(language, complaint, "rating/")
    response = client.post(url, {"revision": complaint.revision, "score": "2", "comment": "Slow."})
    assert response.status_code == 302
    rating = Rating.objects.get(complaint=complaint)
    assert (rating.score, rating.comment, rating.person) == (2, "Slow.", person)
    html = client.get(_url(language, complaint)).content.decode()
    assert f"/{language}/contact/message/?kind=grievance" in html and 'name="score"' not in html
    second = client.post(url, {"revision": complaint.revision, "score": "5"})
    assert second.status_code == 200 and 'class="error-summary"' in second.content.decode()
    assert Rating.objects.get(complaint=complaint).score == 2


def test_a_good_score_offers_no_grievance(client, filed):
    person, complaint = filed
    _set(
        complaint, state=ComplaintState.CLOSED, outcome=Outcome.RESOLVED, decided_at=timezone.now()
    )
    client.force_login(person)
    client.post(_url("en", complaint, "rating/"), {"revision": complaint.revision, "score": "4"})
    html = client.get(_url("en", complaint)).content.decode()
    assert "out of 5" in html and "kind=grievance" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_stale_form_is_refused_and_what_was_typed_is_kept(client, filed, language):
    person, complaint = filed
    client.force_login(person)
    response = client.post(
        _url(language, complaint, "add/"), {"revision": 7, "text": "My words stay."}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html and "My words stay." in html
    with translation.override(language):
        assert str(COMPLAINTS.stale(complaint)) in html
    assert not complaint.events.filter(action="information_added").exists()


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("answer/", {"text": "x"}),
        ("add/", {"text": "x"}),
        ("withdraw/", {}),
        ("reopen/", {"reason": "x"}),
        ("rating/", {"score": "1"}),
    ],
)
def test_someone_else_gets_404_for_every_action(client, filed, action, data):
    _, complaint = filed
    for state in (ComplaintState.MORE_INFORMATION, ComplaintState.CLOSED):
        _set(complaint, state=state, decided_at=timezone.now())
        client.force_login(UserFactory.create())
        response = client.post(_url("en", complaint, action), {"revision": 0, **data})
        assert response.status_code == 404
    assert Complaint.objects.get(pk=complaint.pk).revision == 0
    assert not Rating.objects.exists()


def test_an_action_needs_csrf(filed):
    from django.test import Client

    person, complaint = filed
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    assert client.post(_url("en", complaint, "withdraw/"), {"revision": 0}).status_code == 403
