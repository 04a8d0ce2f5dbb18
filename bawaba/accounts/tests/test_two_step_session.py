"""Staff pages need two-step verification passed in this session, not only
turned on for the account."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.test import Client

from bawaba.accounts.tests.factories import PASSWORD
from bawaba.accounts.tests.test_staff import _current_code


def _sign_in_with_password(staff_member) -> Client:
    client = Client()
    response = client.post(
        "/en/accounts/login/", {"login": staff_member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def _turn_on_totp(client: Client) -> str:
    reauthenticate = client.get("/en/accounts/2fa/totp/activate/")
    if reauthenticate.status_code == 302:
        client.post(reauthenticate["Location"], {"password": PASSWORD})
    client.get("/en/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": _current_code(secret)})
    assert response.status_code == 302
    return secret


@pytest.mark.django_db
def test_session_signed_in_before_two_step_was_turned_on_elsewhere_must_type_a_code(
    staff_member,
):
    session_a = _sign_in_with_password(staff_member)
    session_b = _sign_in_with_password(staff_member)
    secret = _turn_on_totp(session_b)

    # The session that turned it on has just proved a code.
    assert session_b.get("/en/staff/").status_code == 200
    # The other one signed in with the password alone: it is asked for a code.
    response = session_a.get("/en/staff/?tab=queue")
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/en/accounts/2fa/reauthenticate/?next=%2Fen%2Fstaff%2F%3Ftab%3Dqueue"
    )
    page = session_a.get(response["Location"])
    assert "Enter the code from your authenticator app" in page.content.decode()
    response = session_a.post(response["Location"], {"code": _current_code(secret)})
    assert response["Location"] == "/en/staff/?tab=queue"
    assert session_a.get("/en/staff/").status_code == 200


@pytest.mark.django_db
def test_password_alone_never_opens_staff_pages_of_an_account_with_totp(staff_member):
    session = Client()
    session.force_login(staff_member)  # before two-step verification is on
    TOTP.activate(staff_member, generate_totp_secret())
    assert session.get("/en/staff/")["Location"].startswith("/en/accounts/2fa/reauthenticate/")
    assert session.get("/ar/staff/")["Location"].startswith("/ar/accounts/2fa/reauthenticate/")


@pytest.mark.django_db
def test_too_many_wrong_codes_says_codes_not_passwords(staff_member):
    secret = generate_totp_secret()
    TOTP.activate(staff_member, secret)
    client = _sign_in_with_password(staff_member)
    try:
        for _attempt in range(10):
            wrong = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
            assert "The code is not right" in wrong.content.decode()
        right = client.post("/en/accounts/2fa/authenticate/", {"code": _current_code(secret)})
        text = right.content.decode()
        assert "Too many wrong codes" in text
        assert "passwords" not in text
        assert client.get("/en/staff/")["Location"].startswith("/en/accounts/login/")
    finally:
        cache.clear()
