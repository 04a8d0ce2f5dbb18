"""'Is this page useful?' and 'Report a problem' cannot be flooded: one vote per
browser session and page, a rate per address, and nothing from another site."""

import pytest
from django.test import Client
from django.utils import translation

from bawaba.catalogue.limits import RATE_LIMITS
from bawaba.catalogue.models import PageFeedback
from bawaba.complaints.models import Complaint

USEFUL = "/en/services/electronic-visa/useful/"
PROBLEM = "/ar/services/electronic-visa/report-a-problem/"


def _limit(action: str) -> int:
    return int(RATE_LIMITS[action].split("/")[0])


@pytest.mark.django_db
def test_one_browser_session_counts_once_per_page(client, catalogue):
    for _ in range(20):
        client.post(USEFUL, {"useful": "yes"})
    assert PageFeedback.objects.count() == 1
    client.post("/en/services/renew-passport/useful/", {"useful": "yes"})
    assert PageFeedback.objects.count() == 2
    # Another browser is another vote.
    Client().post(USEFUL, {"useful": "no"})
    votes = list(PageFeedback.objects.values_list("useful", flat=True))
    assert (votes.count(True), votes.count(False)) == (2, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/vote.html"},
    ],
)
def test_a_vote_posted_from_another_site_is_refused(client, catalogue, headers):
    response = client.post(USEFUL, {"useful": "yes"}, headers=headers)
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
def test_a_vote_from_the_portal_itself_is_counted(client, catalogue):
    same_site = {"Origin": "http://testserver", "Referer": "http://testserver/en/services/x/"}
    assert client.post(USEFUL, {"useful": "yes"}, headers=same_site).status_code == 302
    assert PageFeedback.objects.count() == 1


@pytest.mark.django_db
def test_votes_from_one_address_are_limited_with_the_translated_page(catalogue):
    for _ in range(_limit("vote")):
        assert Client().post(USEFUL, {"useful": "yes"}).status_code == 302
    response = Client().post("/ar/services/electronic-visa/useful/", {"useful": "yes"})
    assert response.status_code == 429
    with translation.override("ar"):
        assert translation.gettext("Too many attempts") in response.content.decode()
    assert PageFeedback.objects.count() == _limit("vote")
    # Another address is not held back.
    assert Client(REMOTE_ADDR="192.0.2.77").post(USEFUL, {"useful": "no"}).status_code == 302


@pytest.mark.django_db
def test_problem_reports_from_one_address_are_limited(client, catalogue):
    for number in range(_limit("problem")):
        response = client.post(PROBLEM, {"problem": f"Report {number}"})
        assert response.status_code == 302
    response = client.post(PROBLEM, {"problem": "One more"})
    assert response.status_code == 429
    with translation.override("ar"):
        assert translation.gettext("Too many attempts") in response.content.decode()
    assert Complaint.objects.count() == _limit("problem")


@pytest.mark.django_db
def test_a_problem_report_posted_from_another_site_is_refused(catalogue):
    csrf_client = Client(enforce_csrf_checks=False)
    response = csrf_client.post(
        PROBLEM, {"problem": "Forged"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()
    assert not Complaint.objects.exists()
