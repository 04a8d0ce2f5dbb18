"""A session that signed in with the password alone cannot reach staff pages
by way of the pages that manage two-step verification: it cannot read or make
recovery codes, turn the authenticator off and on again with its own app, or
be marked as having passed without a right code."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from bawaba.accounts.tests.factories import PASSWORD
from bawaba.accounts.tests.test_staff import _current_code


def _password_only_session(staff_member) -> Client:
    """Signed in with the password before two-step verification was turned on
    in another session."""
    client = Client()
    response = client.post(
        "/en/accounts/login/", {"login": staff_member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    TOTP.activate(staff_member, generate_totp_secret())
    RecoveryCodes.activate(staff_member)
    return client


def _follow_password_reauthentication(client: Client, response) -> None:
    if response.status_code == 302 and "/reauthenticate/" in response["Location"]:
        client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})


def _asked_for_a_code(client: Client) -> bool:
    response = client.get("/en/staff/")
    return response.status_code == 302 and response["Location"].startswith(
        "/en/accounts/2fa/reauthenticate/"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/accounts/2fa/recovery-codes/",
        "/en/accounts/2fa/recovery-codes/download/",
        "/en/accounts/2fa/recovery-codes/generate/",
        "/en/accounts/2fa/totp/deactivate/",
        "/ar/accounts/2fa/recovery-codes/",
    ],
)
def test_password_alone_does_not_open_the_two_step_settings_of_a_staff_account(staff_member, path):
    client = _password_only_session(staff_member)
    _follow_password_reauthentication(client, client.get(path))
    response = client.get(path)
    assert response.status_code == 302
    assert "/accounts/2fa/reauthenticate/" in response["Location"]
    # Nor by a form sent straight to it.
    response = client.post(path, {})
    assert response.status_code == 302
    assert "/accounts/2fa/reauthenticate/" in response["Location"]
    assert _asked_for_a_code(client)


@pytest.mark.django_db
def test_recovery_codes_read_with_the_password_alone_never_open_staff_pages(staff_member):
    client = _password_only_session(staff_member)
    _follow_password_reauthentication(client, client.get("/en/accounts/2fa/recovery-codes/"))
    page = client.get("/en/accounts/2fa/recovery-codes/").content.decode()
    codes = RecoveryCodes(
        staff_member.authenticator_set.get(type="recovery_codes")
    ).get_unused_codes()
    assert not any(code in page for code in codes)
    # A code obtained that way would pass; it must not be obtainable.
    download = client.get("/en/accounts/2fa/recovery-codes/download/")
    assert not any(code in download.content.decode() for code in codes)
    assert _asked_for_a_code(client)


@pytest.mark.django_db
def test_turning_totp_off_and_on_with_another_app_never_opens_staff_pages(staff_member):
    client = _password_only_session(staff_member)
    _follow_password_reauthentication(client, client.get("/en/accounts/2fa/totp/deactivate/"))
    client.post("/en/accounts/2fa/totp/deactivate/", {})
    assert staff_member.authenticator_set.filter(type="totp").exists()
    # Activation while TOTP is on is refused, and marks nothing.
    client.get("/en/accounts/2fa/totp/activate/")
    secret = client.session.get("mfa.totp.secret")
    if secret:
        client.post("/en/accounts/2fa/totp/activate/", {"code": _current_code(secret)})
    assert _asked_for_a_code(client)


@pytest.mark.django_db
def test_a_wrong_code_marks_nothing(staff_member):
    client = _password_only_session(staff_member)
    response = client.post("/en/accounts/2fa/reauthenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert _asked_for_a_code(client)
    assert not re.search(r"bawaba_two_step_passed_by", str(dict(client.session)))


@pytest.mark.django_db
def test_after_a_right_code_the_session_reads_its_recovery_codes(staff_member):
    client = Client()
    client.post("/en/accounts/login/", {"login": staff_member.email, "password": PASSWORD})
    secret = generate_totp_secret()
    TOTP.activate(staff_member, secret)
    RecoveryCodes.activate(staff_member)
    response = client.get("/en/accounts/2fa/recovery-codes/")
    assert response["Location"] == (
        "/en/accounts/2fa/reauthenticate/?next=%2Fen%2Faccounts%2F2fa%2Frecovery-codes%2F"
    )
    page = client.get(response["Location"]).content.decode()
    assert "Enter the code from your authenticator app to change two-step verification" in page
    response = client.post(response["Location"], {"code": _current_code(secret)})
    assert response["Location"] == "/en/accounts/2fa/recovery-codes/"
    codes = RecoveryCodes(
        staff_member.authenticator_set.get(type="recovery_codes")
    ).get_unused_codes()
    assert codes[0] in client.get("/en/accounts/2fa/recovery-codes/").content.decode()


@pytest.mark.django_db
def test_the_session_that_turns_totp_on_sees_its_new_recovery_codes(staff_member):
    client = Client()
    client.post("/en/accounts/login/", {"login": staff_member.email, "password": PASSWORD})
    client.get("/en/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": _current_code(secret)})
    assert response["Location"] == "/en/accounts/2fa/recovery-codes/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    codes = RecoveryCodes(
        staff_member.authenticator_set.get(type="recovery_codes")
    ).get_unused_codes()
    assert codes[0] in page.content.decode()


@pytest.mark.django_db
def test_customers_two_step_settings_are_unchanged(citizen):
    client = Client()
    client.force_login(citizen)
    TOTP.activate(citizen, generate_totp_secret())
    RecoveryCodes.activate(citizen)
    response = client.get("/en/accounts/2fa/")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/en/admin/"),
        ("get", "/ar/admin/"),
        ("get", "/ar/admin/accounts/user/"),
        ("post", "/en/admin/accounts/user/add/"),
        ("post", "/ar/staff/catalogue/feedback/"),
    ],
)
def test_password_alone_never_reaches_the_admin_or_a_staff_form(staff_member, method, path):
    staff_member.is_staff = True
    staff_member.is_superuser = True
    staff_member.save()
    client = _password_only_session(staff_member)
    response = getattr(client, method)(path, {"email": "new@example.com"})
    assert response.status_code == 302
    assert response["Location"].startswith(path[:3] + "/accounts/2fa/reauthenticate/")
