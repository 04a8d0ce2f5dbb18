"""Staff pages need two-step verification; everyone else gets a 404."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from bawaba.accounts.tests.factories import PASSWORD, MembershipFactory
from bawaba.core.models import AuditEvent


def _current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


@pytest.mark.django_db
def test_customer_gets_404_on_staff_pages(client, citizen):
    client.force_login(citizen)
    assert client.get("/en/staff/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/admin/", "/ar/admin/accounts/user/", "/en/admin/login/"])
def test_customer_gets_404_from_the_administration_site(client, citizen, path):
    client.force_login(citizen)
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_provider_staff_who_are_not_administrators_get_404_from_the_admin(client, staff_member):
    TOTP.activate(staff_member, generate_totp_secret())
    client.force_login(staff_member)
    assert client.get("/en/admin/").status_code == 404
    assert client.get("/en/staff/").status_code == 200


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/en/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/staff/", "/ar/staff/", "/en/admin/"])
def test_staff_without_two_step_verification_is_sent_to_set_it_up(client, staff_member, path):
    staff_member.is_staff = path.endswith("/admin/")
    staff_member.save()
    client.force_login(staff_member)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == path[:3] + "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_staff_member_turns_on_totp_and_then_reaches_staff_pages(
    client, staff_member, django_capture_on_commit_callbacks
):
    MembershipFactory(user=staff_member, organisation__name_en="Ministry of Testing")
    response = client.post(
        "/en/accounts/login/", {"login": staff_member.email, "password": PASSWORD}
    )
    # Straight from sign-in to setting up two-step verification.
    assert client.get(response["Location"])["Location"] == "/en/accounts/2fa/totp/activate/"
    # Just signed in: no second password (test_staff_first_setup).
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": "000000"})
    assert "The code is not right" in response.content.decode()
    # Codes typed with Arabic-Indic digits are accepted too.
    code = _current_code(secret).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="accounts.mfa.added", actor=staff_member).exists()
    html = client.get("/en/staff/").content.decode()
    assert "Ministry of Testing" in html
    assert "Case worker" in html


@pytest.mark.django_db
def test_staff_sign_in_asks_for_the_code_before_anything_else(client, staff_member):
    secret = generate_totp_secret()
    TOTP.activate(staff_member, secret)
    response = client.post(
        "/en/accounts/login/", {"login": staff_member.email, "password": PASSWORD}
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    # Password alone does not sign in: the staff page still wants a sign-in.
    assert client.get("/en/staff/")["Location"].startswith("/en/accounts/login/")
    response = client.post("/en/accounts/2fa/authenticate/", {"code": "123456"})
    assert "The code is not right" in response.content.decode()
    response = client.post("/en/accounts/2fa/authenticate/", {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.get("/en/staff/").status_code == 200


@pytest.mark.django_db
def test_admin_sign_in_goes_through_the_portal_sign_in(client):
    response = client.get("/en/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_portal_administrator_with_totp_reaches_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root@bawaba.example", PASSWORD)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    assert client.get("/en/admin/").status_code == 200
    assert client.get("/en/admin/core/auditevent/").status_code == 200


@pytest.mark.django_db
def test_portal_administrator_creates_a_staff_account_and_gives_it_a_role(
    client, django_user_model
):
    from bawaba.accounts.models import Membership, User
    from bawaba.accounts.tests.factories import OrganisationFactory

    admin = django_user_model.objects.create_superuser("root@bawaba.example", PASSWORD)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    response = client.post(
        "/en/admin/accounts/user/add/",
        {
            "email": "new.staff@bawaba.example",
            "name_ar": "موظف جديد",
            "name_en": "New Staff",
            "password1": "a staff pass phrase",
            "password2": "a staff pass phrase",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    staff = User.objects.get(email="new.staff@bawaba.example")
    assert staff.kind == "staff" and staff.is_staff_account and not staff.is_staff
    organisation = OrganisationFactory.create()
    Membership.objects.create(user=staff, organisation=organisation, role="approver")
    assert staff.memberships.get().get_role_display() == "Approver"
