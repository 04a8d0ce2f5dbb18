"""A staff member's first visit: sign in, set up two-step verification, work.
No second password right after signing in, and one clear message at the end."""

from unittest import mock

import pytest
from django.contrib.messages import get_messages

from bawaba.accounts.tests.factories import PASSWORD
from bawaba.accounts.tests.test_staff import _current_code


@pytest.mark.django_db
def test_fresh_sign_in_goes_straight_to_two_step_setup_without_a_second_password(
    client, staff_member, django_capture_on_commit_callbacks
):
    response = client.post(
        "/en/accounts/login/", {"login": staff_member.email, "password": PASSWORD}
    )
    assert client.get(response["Location"])["Location"] == "/en/accounts/2fa/totp/activate/"
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert response.status_code == 200  # no password re-entry just after signing in
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/2fa/totp/activate/", {"code": _current_code(secret)})
    assert response.status_code == 302
    banners = [str(message) for message in get_messages(response.wsgi_request)]
    assert banners == ["Two-step verification is now on. Keep your recovery codes somewhere safe."]
    assert client.get("/en/staff/").status_code == 200


@pytest.mark.django_db
def test_a_sign_in_long_ago_still_asks_for_the_password_before_two_step_changes(
    client, staff_member
):
    with mock.patch("time.time", return_value=1_800_000_000.0):
        client.post("/en/accounts/login/", {"login": staff_member.email, "password": PASSWORD})
    with mock.patch("time.time", return_value=1_800_000_000.0 + 301):
        response = client.get("/en/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
