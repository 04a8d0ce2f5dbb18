import pytest
from django.utils import translation

from bawaba.accounts.tests.factories import UserFactory
from bawaba.core.audit import audit_record
from bawaba.core.models import AuditEvent

VALID = {
    "name_ar": "فاطمة",
    "name_en": "Fatima",
    "mobile": "٣٦٠٠٠٠٠٩",
    "preferred_language": "en",
    "contact_by_email": "on",
    "contact_by_sms": "on",
}


@pytest.mark.django_db
def test_profile_pages_need_a_sign_in(client):
    for path in ["/en/accounts/profile/", "/en/accounts/profile/change/", "/en/accounts/activity/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.django_db
def test_profile_shows_the_account_details(client, citizen):
    client.force_login(citizen)
    html = client.get("/en/accounts/profile/").content.decode()
    assert citizen.email in html
    assert citizen.cpr in html
    assert "Citizen" in html


@pytest.mark.django_db
def test_profile_change_normalises_the_mobile_and_is_audited_without_values(client, citizen):
    client.force_login(citizen)
    response = client.post("/en/accounts/profile/change/", VALID)
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.mobile == "+97336000009"
    assert citizen.contact_by_sms is True
    event = AuditEvent.objects.get(action="accounts.profile.updated")
    assert "mobile" in event.data["fields"]
    assert "+97336000009" not in str(event.data)


@pytest.mark.django_db
def test_profile_change_with_bad_input_keeps_it_and_explains_in_arabic(client, citizen):
    client.force_login(citizen)
    data = {**VALID, "name_ar": "", "name_en": "", "mobile": "", "contact_by_sms": "on"}
    html = client.post("/ar/accounts/profile/change/", data).content.decode()
    with translation.override("ar"):
        assert translation.gettext("Enter a mobile number to receive messages by SMS.") in html
    assert (
        'name="contact_by_sms" checked' in html
        or 'checked name="contact_by_sms"' in html
        or ('id="id_contact_by_sms" checked' in html)
    )
    citizen.refresh_from_db()
    assert citizen.name_en != ""


@pytest.mark.django_db
def test_activity_lists_only_the_owners_events_page_by_page(client, citizen):
    other = UserFactory.create()
    for _ in range(25):
        audit_record(action="accounts.signin.succeeded", actor=citizen)
    audit_record(action="accounts.password.changed", actor=other)
    client.force_login(citizen)
    html = client.get("/en/accounts/activity/").content.decode()
    assert html.count("<tr>") == 21  # header row + 20 events
    assert "Password changed" not in html
    assert "Page 1 of 2" in html
    html = client.get("/en/accounts/activity/", {"page": "2"}).content.decode()
    # 25 recorded here, plus the sign-in that force_login itself records.
    assert html.count("<tr>") == 1 + 6
    # A nonsense page number shows the first page rather than an error.
    assert client.get("/en/accounts/activity/", {"page": "abc"}).status_code == 200


@pytest.mark.django_db
def test_activity_page_runs_a_bounded_number_of_queries(
    client, citizen, django_assert_max_num_queries
):
    for _ in range(40):
        audit_record(action="accounts.signin.succeeded", actor=citizen)
    client.force_login(citizen)
    with django_assert_max_num_queries(8):
        client.get("/en/accounts/activity/")


@pytest.mark.django_db
def test_a_home_address_is_kept_shown_and_can_be_cleared(client, citizen):
    client.force_login(citizen)
    address = {
        "address_flat": "12",
        "address_building": "٣٤٥",  # Arabic-Indic digits are read as 345
        "address_road": "2801",
        "address_block": "428",
        "address_area": "Seef",
    }
    assert client.post("/en/accounts/profile/change/", {**VALID, **address}).status_code == 302
    citizen.refresh_from_db()
    assert citizen.address == {
        "flat": "12",
        "building": "345",
        "road": "2801",
        "block": "428",
        "area": "Seef",
    }
    html = client.get("/en/accounts/profile/").content.decode()
    assert "Flat 12, Building 345, Road 2801, Block 428, Area Seef" in html
    assert 'href="/en/accounts/profile/change/#id_address_0"' in html
    assert 'id="id_address_0"' in client.get("/en/accounts/profile/change/").content.decode()
    event = AuditEvent.objects.filter(action="accounts.profile.updated").latest("pk")
    assert "address" in event.data["fields"]
    assert "2801" not in str(event.data)

    assert client.post("/en/accounts/profile/change/", VALID).status_code == 302
    citizen.refresh_from_db()
    assert citizen.address == {}


@pytest.mark.django_db
def test_an_incomplete_home_address_is_explained_and_kept(client, citizen):
    client.force_login(citizen)
    data = {**VALID, "address_1": "345", "address_area": "Seef"}
    html = client.post("/en/accounts/profile/change/", data).content.decode()
    assert "Enter the building, road and block." in html
    assert 'value="Seef"' in html
    citizen.refresh_from_db()
    assert citizen.address == {}
