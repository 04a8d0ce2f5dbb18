"""A customer's name is the name as registered: given at sign-up, shown
read-only on the profile, never taken from the profile form, and corrected
only by a portal administrator, with one audit row per correction. Staff
accounts still name themselves."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import translation

from bawaba.accounts.actions import identity_correct
from bawaba.accounts.tests.factories import PASSWORD, UserFactory, staff_with_two_step
from bawaba.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PROFILE = {"mobile": "36000009", "preferred_language": "en", "contact_by_email": "on"}
CORRECTED = "accounts.identity.corrected"


@pytest.fixture
def customer():
    return UserFactory.create(name_ar="مريم أحمد", name_en="Maryam Ahmed", cpr="900101234")


@pytest.fixture
def administrator(django_user_model):
    admin = django_user_model.objects.create_superuser("root@bawaba.example", PASSWORD)
    TOTP.activate(admin, generate_totp_secret())
    return admin


def _admin_form(account, **changes):
    """The administration site's change form for ``account`` as its page sends it."""
    data = {
        "email": account.email,
        "name_ar": account.name_ar,
        "name_en": account.name_en,
        "kind": account.kind,
        "residency": account.residency,
        "cpr": account.cpr,
        "passport_number": account.passport_number,
        "nationality": str(account.nationality or ""),
        "mobile": account.mobile,
        "preferred_language": account.preferred_language,
        "is_active": "on",
    }
    return {**data, **changes}


def test_only_customers_have_a_registered_name(customer, staff_member):
    assert customer.name_is_registered
    assert not staff_member.name_is_registered


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_profile_shows_the_registered_name_read_only_and_how_to_correct_it(
    client, customer, language
):
    client.force_login(customer)
    html = client.get(f"/{language}/accounts/profile/").content.decode()
    assert "مريم أحمد" in html and "Maryam Ahmed" in html
    assert "#id_name_ar" not in html and "#id_name_en" not in html
    with translation.override(language):
        hint = translation.gettext(
            "These are your name and identity as registered when you created your account; "
            "the documents issued to you carry them. You cannot change them here. To have them "
            "corrected, call the contact centre on %(number)s: a portal administrator will "
            "correct them."
        ) % {"number": '<bdi dir="ltr">80008001</bdi>'}
        assert hint in html
        edit = client.get(f"/{language}/accounts/profile/change/").content.decode()
        assert 'name="name_ar"' not in edit and 'name="name_en"' not in edit
        assert (
            translation.gettext(
                "Your name is the one you registered with, and it cannot be changed here. "
                "To have it corrected, call the contact centre on %(number)s."
            )
            % {"number": '<bdi dir="ltr">80008001</bdi>'}
            in edit
        )


def test_a_name_posted_to_the_profile_by_hand_is_ignored(client, customer):
    client.force_login(customer)
    data = {**PROFILE, "name_ar": "اسم آخر", "name_en": "Someone Else"}
    response = client.post("/en/accounts/profile/change/", data)
    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.name_ar, customer.name_en) == ("مريم أحمد", "Maryam Ahmed")
    assert customer.mobile == "+97336000009"  # the rest of the form is kept
    event = AuditEvent.objects.get(action="accounts.profile.updated")
    assert event.data["fields"] == ["mobile", "preferred_language"]


def test_emptied_names_posted_to_the_profile_are_ignored_too(client, customer):
    client.force_login(customer)
    data = {**PROFILE, "name_ar": "", "name_en": ""}
    assert client.post("/en/accounts/profile/change/", data).status_code == 302
    customer.refresh_from_db()
    assert customer.name_en == "Maryam Ahmed"


def test_staff_still_change_their_own_name_on_the_profile(client):
    staff = staff_with_two_step(name_en="Old Name")
    client.force_login(staff)
    html = client.get("/en/accounts/profile/").content.decode()
    assert "#id_name_en" in html
    assert 'name="name_en"' in client.get("/en/accounts/profile/change/").content.decode()
    html = client.post(
        "/en/accounts/profile/change/", {**PROFILE, "name_ar": "", "name_en": ""}
    ).content.decode()
    assert "Enter your full name in Arabic, in English, or both." in html
    response = client.post("/en/accounts/profile/change/", {**PROFILE, "name_en": "New Name"})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.name_en == "New Name"


def test_an_administrator_corrects_a_registered_name_with_one_audit_row_without_values(
    client, customer, administrator
):
    client.force_login(administrator)
    path = f"/en/admin/accounts/user/{customer.pk}/change/"
    page = client.get(path).content.decode()
    assert "Every correction is written to the audit log." in page
    response = client.post(path, _admin_form(customer, name_en="Maryam Ahmed Ali"))
    assert response.status_code == 302, response.content.decode()[:3000]
    customer.refresh_from_db()
    assert customer.name_en == "Maryam Ahmed Ali"
    event = AuditEvent.objects.get(action=CORRECTED)
    assert event.actor == administrator
    assert event.data == {"account": str(customer.pk), "fields": ["name_en"]}
    assert "Maryam" not in str(event.data)


def test_an_administrator_corrects_a_cpr_number_typed_with_arabic_digits(
    client, customer, administrator
):
    client.force_login(administrator)
    path = f"/en/admin/accounts/user/{customer.pk}/change/"
    assert client.post(path, _admin_form(customer, cpr="٩٠٠١٠١٢٣٥")).status_code == 302
    customer.refresh_from_db()
    assert customer.cpr == "900101235"
    event = AuditEvent.objects.get(action=CORRECTED)
    assert event.data["fields"] == ["cpr"]
    assert "900101" not in str(event.data)


def test_saving_an_account_without_identity_changes_writes_no_correction(
    client, customer, administrator
):
    client.force_login(administrator)
    path = f"/en/admin/accounts/user/{customer.pk}/change/"
    assert client.post(path, _admin_form(customer, mobile="+97336000002")).status_code == 302
    customer.refresh_from_db()
    assert customer.mobile == "+97336000002"
    assert not AuditEvent.objects.filter(action=CORRECTED).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name_ar": "", "name_en": ""}, "Enter the full name in Arabic, in English, or both."),
        ({"cpr": "12"}, "Enter a CPR number of 9 digits, as shown on your smart card."),
    ],
)
def test_a_wrong_correction_is_explained_and_changes_nothing(
    client, customer, administrator, changes, message
):
    client.force_login(administrator)
    path = f"/en/admin/accounts/user/{customer.pk}/change/"
    response = client.post(path, _admin_form(customer, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    customer.refresh_from_db()
    assert (customer.name_en, customer.cpr) == ("Maryam Ahmed", "900101234")
    assert not AuditEvent.objects.filter(action=CORRECTED).exists()


def test_identity_correct_names_only_the_fields_that_changed(customer, administrator):
    changed = identity_correct(
        account=customer,
        changes={"name_ar": "مريم أحمد علي", "name_en": "Maryam Ahmed", "mobile": "+97336000003"},
        corrected_by=administrator,
    )
    assert changed == ["name_ar"]
    customer.refresh_from_db()
    assert customer.name_ar == "مريم أحمد علي"
    assert customer.mobile == ""  # not identity: left to the profile
    assert identity_correct(account=customer, changes={}, corrected_by=administrator) == []
    assert AuditEvent.objects.filter(action=CORRECTED).count() == 1
