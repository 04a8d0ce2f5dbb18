import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation

from bawaba.accounts.models import User
from bawaba.accounts.tests.factories import UserFactory

SIGNUP = {
    "name_ar": "فاطمة أحمد",
    "name_en": "Fatima Ahmed",
    "email": "fatima@bawaba.example",
    "kind": "individual",
    "residency": "citizen",
    "cpr": "٩٠٠١٠١٢٣٤",
    "mobile": "3600 0001",
    "password1": "a long pass phrase for bawaba",
    "password2": "a long pass phrase for bawaba",
}


def _arabic(text: str) -> str:
    with translation.override("ar"):
        return translation.gettext(text)


@pytest.mark.django_db
def test_citizen_signs_up_and_is_asked_to_confirm_the_email(client):
    response = client.post("/en/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get(email="fatima@bawaba.example")
    assert (user.kind, user.residency, user.cpr, user.mobile) == (
        "individual",
        "citizen",
        "900101234",
        "+97336000001",
    )
    assert user.preferred_language == "en"
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Confirm your email address for Bawaba"
    assert re.search(r"http://testserver/en/accounts/confirm-email/\S+/", str(mail.outbox[0].body))


@pytest.mark.django_db
def test_signup_in_arabic_sends_the_email_in_arabic(client):
    client.post("/ar/accounts/signup/", {**SIGNUP, "email": "ar@bawaba.example"})
    assert mail.outbox[0].subject == _arabic("Confirm your email address for Bawaba")
    assert mail.outbox[0].subject != "Confirm your email address for Bawaba"
    assert "/ar/accounts/confirm-email/" in mail.outbox[0].body
    assert User.objects.get(email="ar@bawaba.example").preferred_language == "ar"


@pytest.mark.django_db
def test_visitor_signs_up_with_passport_and_nationality_instead_of_cpr(client):
    data = {
        **SIGNUP,
        "residency": "visitor",
        "cpr": "",
        "passport_number": "c01x00t47",
        "nationality": "DE",
        "mobile": "",
    }
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 302
    user = User.objects.get(email=SIGNUP["email"])
    assert (user.residency, user.cpr, user.passport_number, str(user.nationality)) == (
        "visitor",
        "",
        "C01X00T47",
        "DE",
    )


@pytest.mark.django_db
def test_empty_signup_lists_every_problem_and_creates_nothing(client):
    response = client.post("/en/accounts/signup/", {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "There is a problem" in html
    for message in [
        "Enter your full name in Arabic, in English, or both.",
        "Enter your email address.",
        "Choose an answer to “What kind of account do you need?”",
        "Choose an answer to “Are you a citizen, a resident or a visitor?”",
        "Enter a new password.",
        "Enter the same password again in “Confirm your password”.",
    ]:
        assert message in html
    # Each error in the summary links to its field.
    assert 'href="#id_email"' in html
    assert 'href="#id_kind_0"' in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.exists()


@pytest.mark.django_db
def test_bad_signup_keeps_what_was_typed_except_passwords(client):
    data = {**SIGNUP, "cpr": "12345", "mobile": "17000000"}
    html = client.post("/en/accounts/signup/", data).content.decode()
    assert "Enter a CPR number of 9 digits" in html
    assert "Enter a Bahraini mobile number" in html
    assert 'value="Fatima Ahmed"' in html
    assert 'value="fatima@bawaba.example"' in html
    assert 'value="12345"' in html
    assert 'value="17000000"' in html
    assert re.search(r'id="id_residency_0"[^>]*checked|checked[^>]*id="id_residency_0"', html)
    assert SIGNUP["password1"] not in html


@pytest.mark.django_db
def test_signup_errors_are_in_arabic_on_the_arabic_page(client):
    html = client.post("/ar/accounts/signup/", {**SIGNUP, "cpr": ""}).content.decode()
    assert _arabic("There is a problem") in html
    assert _arabic("Enter your CPR number.") in html
    assert _arabic("Enter your CPR number.") != "Enter your CPR number."


@pytest.mark.django_db
def test_visitor_without_passport_is_asked_for_it(client):
    data = {**SIGNUP, "residency": "visitor", "cpr": ""}
    html = client.post("/en/accounts/signup/", data).content.decode()
    assert "Enter your passport number." in html
    assert "Choose your nationality." in html


@pytest.mark.django_db
def test_a_cpr_number_can_hold_only_one_account(client):
    UserFactory(cpr="900101234")
    response = client.post("/en/accounts/signup/", SIGNUP)
    # The same answer as a new signup (test_signup_conflicts), but no account.
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short pass", "This password is too short"),
        ("password1234", "This password is too common"),
        ("x" * 129, "at most 128 characters"),
    ],
)
def test_weak_passwords_are_refused(client, password, message):
    data = {**SIGNUP, "password1": password, "password2": password}
    html = client.post("/en/accounts/signup/", data).content.decode()
    assert message in html
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_64_character_passphrase_without_composition_rules_is_accepted(client):
    passphrase = "lower case words only and no digits or symbols at all in this one"[:64]
    response = client.post(
        "/en/accounts/signup/", {**SIGNUP, "password1": passphrase, "password2": passphrase}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_staff_kind_cannot_be_chosen_at_signup(client):
    html = client.post("/en/accounts/signup/", {**SIGNUP, "kind": "staff"}).content.decode()
    assert "Select a valid choice" in html
    assert not User.objects.exists()
