"""Following a message sent without an account: the reference and the
verified mobile or email bring a one-time code there; the right code lets the
session read the case, answer, add information, withdraw and rate it, for a
while. Details that match no message look the same and send nothing; the
grant opens no other case, and a signed-in stranger sees none of it."""

import datetime
import re

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import UserFactory, staff_with_two_step
from bawaba.complaints import guest, staff_actions
from bawaba.complaints.models import Complaint, ComplaintState, Outcome, Rating
from bawaba.complaints.tests.test_guest import answers, provider, sent_code, wrong  # noqa: F401
from bawaba.notifications.models import Delivery

pytestmark = pytest.mark.django_db

MOBILE = "+97336000001"


def file_as_guest(client, organisation, language, mobile="3600 0001"):
    client.post(f"/{language}/contact/message/", answers(organisation, mobile=mobile, email=""))
    address = "+973" + "".join(mobile.split())
    client.post(f"/{language}/contact/message/code/", {"code": sent_code(address)})
    complaint = Complaint.objects.latest("received_at")
    assert complaint.person is None and complaint.contact_verified_at is not None
    return complaint


def codes_sent():
    return Delivery.objects.filter(notification__event=guest.EVENT).count()


def follow(client, language, reference, contact):
    return client.post(
        f"/{language}/contact/message/follow/", {"reference": reference, "contact": contact}
    )


def staff_move(officer, complaint, move, **data):
    complaint.refresh_from_db()
    return staff_actions.complaint_act(
        user=officer, complaint_id=complaint.pk, move=move, revision=complaint.revision, **data
    )


@pytest.fixture
def officer(provider):  # noqa: F811
    return staff_with_two_step(provider, Role.COMPLAINTS_OFFICER)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_guest_follows_reads_the_reply_and_rates(client, provider, officer, language):  # noqa: F811
    complaint = file_as_guest(client, provider, language)
    sent = client.get(f"/{language}/contact/message/sent/").content.decode()
    assert f"/{language}/contact/message/follow/" in sent
    staff_move(officer, complaint, "claim")
    staff_move(officer, complaint, "reply", text="We have sent a team to fix the pothole.")

    page = client.get(f"/{language}/contact/message/follow/")
    assert page.status_code == 200
    before = codes_sent()
    response = follow(client, language, complaint.reference.lower(), "3600 0001")
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/contact/message/follow/code/"
    assert codes_sent() == before + 1
    code = sent_code(MOBILE)
    refused = client.post(f"/{language}/contact/message/follow/code/", {"code": wrong(code)})
    assert refused.status_code == 200 and 'class="error-summary"' in refused.content.decode()

    opened = client.post(f"/{language}/contact/message/follow/code/", {"code": code})
    case_url = f"/{language}/contact/message/follow/{complaint.pk}/"
    assert opened["Location"] == case_url
    page = client.get(case_url).content.decode()
    assert complaint.reference in page
    assert "We have sent a team to fix the pothole." in page
    assert f"{case_url}add/" in page and f"{case_url}withdraw/" in page
    assert "/accounts/cases/" not in page

    complaint.refresh_from_db()
    added = client.post(
        f"{case_url}add/", {"revision": complaint.revision, "text": "It is near the school."}
    )
    assert added["Location"] == case_url
    row = complaint.events.get(action="information_added")
    assert row.actor is None and row.text == "It is near the school."

    staff_move(officer, complaint, "close", outcome=Outcome.RESOLVED, text="Fixed today.")
    page = client.get(case_url).content.decode()
    assert "Fixed today." in page and f"{case_url}rating/" in page
    complaint.refresh_from_db()
    rated = client.post(
        f"{case_url}rating/", {"revision": complaint.revision, "score": "5", "comment": "Quick."}
    )
    assert rated["Location"] == case_url
    rating = Rating.objects.get(complaint=complaint)
    assert (rating.person, rating.score, rating.comment) == (None, 5, "Quick.")
    again = client.post(f"{case_url}rating/", {"revision": complaint.revision, "score": "1"})
    assert again.status_code == 200
    assert Rating.objects.filter(complaint=complaint).count() == 1


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_guest_answers_a_request_and_withdraws(client, provider, officer, language):  # noqa: F811
    complaint = file_as_guest(client, provider, language)
    staff_move(officer, complaint, "claim")
    staff_move(officer, complaint, "request_information", text="Which side of the road?")
    follow(client, language, complaint.reference, MOBILE)
    client.post(f"/{language}/contact/message/follow/code/", {"code": sent_code(MOBILE)})
    case_url = f"/{language}/contact/message/follow/{complaint.pk}/"
    assert "Which side of the road?" in client.get(case_url).content.decode()
    complaint.refresh_from_db()
    client.post(f"{case_url}answer/", {"revision": complaint.revision, "text": "The north side."})
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.IN_PROGRESS
    assert complaint.events.get(action="respond").actor is None
    client.post(f"{case_url}withdraw/", {"revision": complaint.revision})
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == (ComplaintState.CLOSED, Outcome.WITHDRAWN)


def without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("wrong_detail", ["reference", "contact"])
def test_wrong_details_look_the_same_and_send_nothing(
    client,
    provider,  # noqa: F811
    language,
    wrong_detail,
):
    complaint = file_as_guest(client, provider, language)
    before = codes_sent()
    follow(client, language, complaint.reference, "3600 0002")  # another mobile: no match
    if wrong_detail == "reference":
        follow(client, language, "C-0000-000000", "3600 0002")
    mismatched = client.get(f"/{language}/contact/message/follow/code/").content.decode()
    assert codes_sent() == before
    # A right reference with its mobile: the same page, but a code is sent.
    matched_response = follow(client, language, complaint.reference, "3600 0001")
    assert matched_response["Location"] == f"/{language}/contact/message/follow/code/"
    assert codes_sent() == before + 1
    matched = client.get(f"/{language}/contact/message/follow/code/").content.decode()
    assert without_tokens(matched).replace("+97336000001", "+97336000002") == without_tokens(
        mismatched
    )
    follow(client, language, complaint.reference, "3600 0002")
    refused = client.post(f"/{language}/contact/message/follow/code/", {"code": "123456"})
    assert refused.status_code == 200 and 'class="error-summary"' in refused.content.decode()
    assert guest.GRANTS_KEY not in client.session


def test_the_grant_opens_no_other_case_and_a_stranger_sees_nothing(client, provider):  # noqa: F811
    first = file_as_guest(client, provider, "en")
    second = file_as_guest(client, provider, "en", mobile="3600 0009")
    follow(client, "en", first.reference, MOBILE)
    client.post("/en/contact/message/follow/code/", {"code": sent_code(MOBILE)})
    assert client.get(f"/en/contact/message/follow/{first.pk}/").status_code == 200
    assert client.get(f"/en/contact/message/follow/{second.pk}/").status_code == 404
    second.refresh_from_db()
    posted = client.post(
        f"/en/contact/message/follow/{second.pk}/add/", {"revision": second.revision, "text": "x"}
    )
    assert posted.status_code == 404

    stranger = UserFactory.create()
    other = type(client)()
    other.force_login(stranger)
    assert other.get(f"/en/contact/message/follow/{first.pk}/").status_code == 404
    assert other.get(f"/en/accounts/cases/{first.pk}/").status_code == 404


def test_an_expired_grant_leads_back_to_the_follow_page(client, provider):  # noqa: F811
    complaint = file_as_guest(client, provider, "ar")
    follow(client, "ar", complaint.reference, MOBILE)
    client.post("/ar/contact/message/follow/code/", {"code": sent_code(MOBILE)})
    session = client.session
    past = timezone.now() - datetime.timedelta(minutes=1)
    session[guest.GRANTS_KEY] = {str(complaint.pk): past.timestamp()}
    session.save()
    response = client.get(f"/ar/contact/message/follow/{complaint.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/contact/message/follow/"
    assert client.get(f"/ar/contact/message/follow/{complaint.pk}/").status_code == 404
