import re

import pytest
from django.core import mail
from django.utils import translation

from bawaba.accounts.tests.factories import PASSWORD, UserFactory
from bawaba.core.models import AuditEvent


def _sign_in(client, email, password, language="en"):
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


@pytest.mark.django_db
def test_verified_account_signs_in_and_the_event_is_audited(client, citizen):
    response = _sign_in(client, citizen.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/dashboard/"
    event = AuditEvent.objects.get(action="accounts.signin.succeeded")
    assert event.actor == citizen
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_wrong_password_is_refused_audited_and_keeps_the_email(client, citizen):
    response = _sign_in(client, citizen.email, "not the password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The email address or the password is not right" in html
    assert f'value="{citizen.email}"' in html
    assert "not the password" not in html
    event = AuditEvent.objects.get(action="accounts.signin.failed")
    assert event.actor == citizen
    assert event.data == {"email": citizen.email, "known_account": True}


@pytest.mark.django_db
def test_unknown_email_is_refused_with_the_same_message(client):
    html = _sign_in(client, "nobody@bawaba.example", "whatever it is").content.decode()
    assert "The email address or the password is not right" in html
    assert AuditEvent.objects.get(action="accounts.signin.failed").actor is None


@pytest.mark.django_db
def test_unconfirmed_email_cannot_sign_in_until_confirmed(client):
    user = UserFactory(verified_email=False)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = _sign_in(client, user.email, PASSWORD)
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_empty_sign_in_gives_field_messages_in_arabic(client):
    html = _sign_in(client, "", "", language="ar").content.decode()
    with translation.override("ar"):
        assert translation.gettext("Enter your email address.") in html
        assert translation.gettext("Enter your password.") in html
        assert translation.gettext("There is a problem") in html


@pytest.mark.django_db
def test_ten_wrong_passwords_lock_the_account_and_a_reset_by_email_unlocks_it(client, citizen):
    for _attempt in range(10):
        _sign_in(client, citizen.email, "wrong password guess")
    # The right password no longer works while the account is locked.
    html = _sign_in(client, citizen.email, PASSWORD).content.decode()
    assert "this account is locked for 15 minutes" in html
    assert "_auth_user_id" not in client.session

    # The owner asks for a reset link by email and chooses a new password.
    client.post("/en/accounts/password/reset/", {"email": citizen.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your Bawaba password"
    link = re.search(
        r"http://testserver(/en/accounts/password/reset/key/\S+/)", str(mail.outbox[0].body)
    )
    assert link
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new_password = "a brand new pass phrase"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="accounts.password.reset", actor=citizen).exists()

    # The lock is lifted: the new password signs in at once.
    response = _sign_in(client, citizen.email, new_password)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


@pytest.mark.django_db
def test_password_reset_page_does_not_reveal_whether_an_account_exists(client, citizen):
    known = client.post("/en/accounts/password/reset/", {"email": citizen.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@bawaba.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


@pytest.mark.django_db
def test_change_password_needs_the_current_one_and_is_audited(client, citizen):
    client.force_login(citizen)
    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": "wrong", "password1": "new pass phrase one", "password2": "x"},
    )
    html = response.content.decode()
    assert "There is a problem" in html
    response = client.post(
        "/en/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "new pass phrase one",
            "password2": "new pass phrase one",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="accounts.password.changed", actor=citizen).exists()


@pytest.mark.django_db
def test_sign_out_is_a_post_and_is_audited(client, citizen):
    client.force_login(citizen)
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="accounts.signout", actor=citizen).exists()


@pytest.mark.django_db
def test_sign_out_returns_to_the_home_page_in_the_same_language(client, citizen):
    client.force_login(citizen)
    response = client.post("/ar/accounts/logout/", headers={"Accept-Language": "en"})
    assert response["Location"] == "/ar/"


@pytest.mark.django_db
def test_many_attempts_from_one_address_are_refused_with_a_translated_page(client):
    for attempt in range(30):
        _sign_in(client, f"guess{attempt}@bawaba.example", "wrong password guess", "ar")
    response = _sign_in(client, "another@bawaba.example", "wrong password guess", "ar")
    assert response.status_code == 429
    with translation.override("ar"):
        assert translation.gettext("Too many attempts") in response.content.decode()


@pytest.mark.django_db
def test_a_changed_password_raises_a_security_alert_through_the_outbox(
    client, citizen, django_capture_on_commit_callbacks
):
    from django.core import mail

    from bawaba.notifications.models import Notification

    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/password/change/",
            {
                "oldpassword": PASSWORD,
                "password1": "new pass phrase one",
                "password2": "new pass phrase one",
            },
        )
    alert = Notification.objects.get(recipient=citizen)
    assert alert.event == "security.password_changed"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "تنبيه أمني: تم تغيير كلمة المرور"
    html, mimetype = mail.outbox[0].alternatives[0]  # type: ignore[attr-defined]
    assert mimetype == "text/html"
    assert 'dir="rtl"' in html
