"""Staff sessions end after 30 minutes without activity and 10 hours in all."""

from unittest import mock

import pytest
from django.utils import translation

from bawaba.accounts.tests.factories import staff_with_two_step

MINUTE = 60
START = 1_800_000_000.0


def _at(client, minutes: float, path: str = "/en/staff/"):
    with mock.patch("bawaba.accounts.middleware.time.time", return_value=START + minutes * MINUTE):
        return client.get(path)


@pytest.mark.django_db
def test_staff_session_ends_after_30_minutes_without_activity(client):
    client.force_login(staff_with_two_step())
    assert _at(client, 0).status_code == 200
    assert _at(client, 29).status_code == 200
    assert _at(client, 58).status_code == 200  # 29 minutes after the last page
    response = _at(client, 58 + 31, "/en/staff/?tab=queue")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Fstaff%2F%3Ftab%3Dqueue"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after a time without activity. Sign in again." in page
    # Signed out for good: the next page wants a sign-in too.
    assert _at(client, 90)["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_staff_session_ends_10_hours_after_sign_in_however_busy(client):
    client.force_login(staff_with_two_step())
    for minutes in range(0, 10 * 60, 20):
        assert _at(client, minutes).status_code == 200
    response = _at(client, 10 * 60 + 1, "/ar/staff/")
    assert response["Location"] == "/ar/accounts/login/?next=%2Far%2Fstaff%2F"
    with translation.override("ar"):
        message = translation.gettext("Staff sessions last at most one working day. Sign in again.")
    assert message.startswith("لا ")
    assert message in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_customer_sessions_are_not_cut_short(client, citizen):
    client.force_login(citizen)
    assert _at(client, 0, "/en/accounts/profile/").status_code == 200
    assert _at(client, 11 * 60, "/en/accounts/profile/").status_code == 200
