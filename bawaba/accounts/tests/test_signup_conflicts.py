"""Signing up with details an account already holds answers as a new signup
does (the same page, message and work), and tells the owner by email."""

from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail

from bawaba.accounts.forms import SignupForm
from bawaba.accounts.models import User
from bawaba.accounts.tests.factories import UserFactory
from bawaba.accounts.tests.test_signup import SIGNUP


def _answer(client, data):
    """What the person sees: the redirect and the page it leads to, with
    their own email address taken out."""
    with mock.patch.object(
        MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
    ) as hashing:
        response = client.post("/en/accounts/signup/", data)
    page = client.get(response["Location"]).content.decode()
    return (
        response.status_code,
        response["Location"],
        page.replace(data["email"], "EMAIL"),
        hashing.call_count,
    )


@pytest.fixture
def new_signup_answer(client):
    answer = _answer(client, {**SIGNUP, "email": "brand.new@bawaba.example", "cpr": "900101299"})
    client.logout()
    mail.outbox.clear()
    return answer


@pytest.mark.django_db
def test_existing_cpr_number_gets_the_answer_of_a_new_signup(client, new_signup_answer):
    owner = UserFactory(cpr="900101234", email="owner@bawaba.example", preferred_language="en")
    answer = _answer(client, SIGNUP)
    assert answer == new_signup_answer
    assert answer[:2] == (302, "/en/accounts/confirm-email/")
    assert "We have sent a confirmation email to EMAIL." in answer[2]
    assert "An account with this CPR number already exists" not in answer[2]
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    # The owner is told, at the account's own address; nobody else gets mail.
    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert mail.outbox[0].subject == "Someone tried to create a Bawaba account with your details"
    assert "/en/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_existing_email_address_gets_the_answer_of_a_new_signup(client, new_signup_answer):
    UserFactory(email=SIGNUP["email"])
    answer = _answer(client, SIGNUP)
    assert answer == new_signup_answer
    assert User.objects.filter(email=SIGNUP["email"]).count() == 1
    assert [message.to for message in mail.outbox] == [[SIGNUP["email"]]]
    assert mail.outbox[0].subject == "You already have a Bawaba account"


@pytest.mark.django_db
@pytest.mark.parametrize("taken", ["cpr", "email"])
def test_a_simultaneous_signup_with_the_same_details_is_no_error(client, taken):
    """Two signups pass the form's checks at the same moment; the second one's
    save meets the unique constraint."""
    clean = SignupForm.clean

    def other_signup_wins(form):
        cleaned = clean(form)
        if taken == "cpr":
            UserFactory(cpr="900101234", email="other@bawaba.example")
        else:
            UserFactory(email=SIGNUP["email"], cpr="900101299")
        return cleaned

    with mock.patch.object(SignupForm, "clean", autospec=True, side_effect=other_signup_wins):
        response = client.post("/en/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert User.objects.count() == 1
    owner = User.objects.get()
    assert [message.to for message in mail.outbox] == [[owner.email]]
