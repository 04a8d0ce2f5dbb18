"""Every account page renders in both languages for the people who may see it."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

CUSTOMER_PAGES = [
    "/accounts/profile/",
    "/accounts/profile/change/",
    "/accounts/activity/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
]
SIGNED_IN_PAGES = [
    *CUSTOMER_PAGES,
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/totp/deactivate/",
    "/staff/",
]
PUBLIC_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-real-key/",
    "/accounts/password/reset/key/1-not-a-real-key/",
]


def _recently_authenticated(client, user):
    # Pages that change two-step verification ask for a recent password check;
    # this is what allauth records in the session after one.
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": timezone.now().timestamp(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_staff_pages_render(client, staff_member, language, path):
    TOTP.activate(staff_member, generate_totp_secret())
    RecoveryCodes.activate(staff_member)
    client.force_login(staff_member)
    _recently_authenticated(client, staff_member)
    response = client.get(f"/{language}{path}")
    assert response.status_code == 200, response.get("Location")
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_account_pages_render(client, language, path):
    response = client.get(f"/{language}{path}", follow=True)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/accounts/reauthenticate/code/", "/en/accounts/reauthenticate/code/confirm/"]
)
def test_confirming_it_is_you_by_a_code_sent_by_email_is_refused(client, citizen, mailoutbox, path):
    """Only the password (or the second step) confirms it is you: allauth's
    pages that send a code to the email address instead are switched off."""
    client.force_login(citizen)
    assert client.get(path).status_code == 403
    assert client.post(path, {"email": citizen.email, "code": "123456"}).status_code == 403
    assert mailoutbox == []
