"""Repeating groups (family members of the housing application) over HTTP:
add and remove entries without JavaScript, nothing typed is lost, every entry
is checked on the server, and the answers read back on check-your-answers."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import Application
from bawaba.eservices.tests.samples import published_eservice

pytestmark = pytest.mark.django_db

HOUSING = (Path(settings.BASE_DIR) / "demo" / "eservices" / "housing-application.yaml").read_text(
    encoding="utf-8"
)


@pytest.fixture
def application(client):
    provider = OrganisationFactory.create(slug="housing", name_en="Ministry of Housing")
    service = ServiceFactory.create(slug="housing-application", provider=provider)
    published_eservice(service, HOUSING)
    applicant = UserFactory.create(
        cpr="900101234", residency="citizen", name_en="Ali Hasan", preferred_language="en"
    )
    client.force_login(applicant)
    assert client.post("/en/services/housing-application/apply/").status_code == 302
    return Application.objects.get(applicant=applicant)


def _url(application):
    return f"/en/applications/{application.pk}/pages/members/"


WIFE = {
    "family_members-0-member_name": "Fatima Ali",
    "family_members-0-member_cpr": "920202345",
    "family_members-0-member_relationship": "spouse",
    "family_members-0-member_birth_date": "1992-02-20",
}
SON = {
    "family_members-1-member_name": "Hasan Ali",
    "family_members-1-member_cpr": "150303456",
    "family_members-1-member_relationship": "son",
    "family_members-1-member_birth_date": "2015-03-03",
}


def test_the_page_starts_with_one_empty_entry(client, application):
    html = client.get(_url(application)).content.decode()
    assert "Family member 1" in html
    assert 'name="family_members-count" value="1"' in html
    assert 'name="family_members-0-member_name"' in html
    assert "Family member 2" not in html
    assert "Add another family member" in html


def test_add_another_keeps_what_was_typed_and_shows_no_errors(client, application):
    response = client.post(
        _url(application),
        {
            "family_members-count": "1",
            **WIFE,
            "family_members-0-member_cpr": "12",
            "_group_add": "family_members",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Family member 2" in html
    assert 'value="Fatima Ali"' in html
    assert 'value="12"' in html  # kept as typed, even though it is not a CPR number yet
    assert "There is a problem" not in html
    assert "error-message" not in html
    assert (
        '<input type="text" name="family_members-1-member_name" maxlength="150" autofocus' in html
    )
    application.refresh_from_db()
    assert "family_members" not in application.answers  # nothing saved until "Save and continue"


def test_remove_takes_out_that_entry_and_keeps_the_others(client, application):
    third = {key.replace("-1-", "-2-"): value for key, value in SON.items()}
    third["family_members-2-member_name"] = "Zainab Ali"
    response = client.post(
        _url(application),
        {"family_members-count": "3", **WIFE, **SON, **third, "_group_remove": "family_members-1"},
    )
    html = response.content.decode()
    assert 'name="family_members-count" value="2"' in html
    assert "Hasan Ali" not in html
    assert 'name="family_members-1-member_name" value="Zainab Ali"' in html
    assert 'value="Fatima Ali"' in html


def test_each_started_entry_is_checked_and_blank_ones_are_dropped(client, application):
    response = client.post(
        _url(application),
        {
            "family_members-count": "3",
            **WIFE,
            "family_members-1-member_name": "Hasan Ali",
            "family_members-1-member_cpr": "123",
            # the third entry is left entirely empty
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_family_members-1-member_cpr"' in html
    assert 'href="#id_family_members-1-member_relationship_0"' in html
    assert 'value="Hasan Ali"' in html
    application.refresh_from_db()
    assert "family_members" not in application.answers


def test_saved_entries_are_stored_in_order_and_shown_on_check_your_answers(client, application):
    response = client.post(_url(application), {"family_members-count": "3", **WIFE, **SON})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["family_members"] == [
        {
            "member_name": "Fatima Ali",
            "member_cpr": "920202345",
            "member_relationship": "spouse",
            "member_birth_date": "1992-02-20",
        },
        {
            "member_name": "Hasan Ali",
            "member_cpr": "150303456",
            "member_relationship": "son",
            "member_birth_date": "2015-03-03",
        },
    ]
    html = client.get(_url(application)).content.decode()
    assert 'name="family_members-count" value="2"' in html
    assert 'value="Hasan Ali"' in html
    assert 'value="2015-03-03"' in html
    check = client.get(f"/en/applications/{application.pk}/check/").content.decode()
    assert "Family member 2" in check
    assert '<li>How are they related to you?: <bdi dir="auto">Son</bdi></li>' in check
    assert '<li>Date of birth: <bdi dir="auto">3 March 2015</bdi></li>' in check
    # Each entry's "Change" link goes to that entry's first box.
    assert "/pages/members/?check=1#id_family_members-0-member_name" in check
    assert "/pages/members/?check=1#id_family_members-1-member_name" in check


def test_each_answer_of_an_entry_sits_in_its_own_isolate_on_an_arabic_page(client, application):
    """A Latin name or a CPR number among Arabic labels keeps its own order and
    does not carry the label's colon over to its side."""
    assert client.post(_url(application), {"family_members-count": "2", **WIFE}).status_code == 302
    check = client.get(f"/ar/applications/{application.pk}/check/").content.decode()
    assert '<li>الاسم الكامل: <bdi dir="auto">Fatima Ali</bdi></li>' in check
    assert ': <bdi dir="auto">920202345</bdi></li>' in check
    assert "<li>الاسم الكامل: Fatima Ali</li>" not in check


def test_someone_living_alone_adds_nobody(client, application):
    assert client.post(_url(application), {"family_members-count": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.answers["family_members"] == []
    check = client.get(f"/en/applications/{application.pk}/check/").content.decode()
    assert "Who in your family will live with you?" in check


def test_a_forged_count_cannot_exceed_the_limit(client, application):
    html = client.get(_url(application)).content.decode()
    response = client.post(_url(application), {"family_members-count": "100000", **WIFE})
    assert response.status_code == 302
    application.refresh_from_db()
    assert len(application.answers["family_members"]) == 1
    assert html


@pytest.mark.parametrize("count", ["abc", "-4", "٣", "9" * 5000])
def test_a_malformed_count_is_not_an_error_page(client, application, count):
    response = client.post(_url(application), {"family_members-count": count, **WIFE})
    assert response.status_code == 302
    application.refresh_from_db()
    assert len(application.answers["family_members"]) == 1


@pytest.mark.parametrize(
    "forged",
    [
        {"family_members-²-member_name": "x"},
        {"family_members-" + "9" * 40 + "-member_name": "x"},
        {"_group_remove": "family_members-²"},
        {"_group_remove": "family_members-" + "9" * 5000},
        {"_group_remove": "family_members--1"},
    ],
)
def test_forged_entry_numbers_are_ignored(client, application, forged):
    response = client.post(_url(application), {"family_members-count": "1", **WIFE, **forged})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        application.refresh_from_db()
        assert application.answers["family_members"][0]["member_name"] == "Fatima Ali"


def test_buttons_cannot_go_past_the_limit_or_name_another_group(client, application):
    huge = client.post(
        _url(application),
        {"family_members-count": "1000000000", "_group_remove": "family_members-3"},
    )
    assert huge.status_code == 200
    # An impossible count is read as one entry, and there is no entry 4 to remove.
    assert 'name="family_members-count" value="1"' in huge.content.decode()
    full = client.post(
        _url(application), {"family_members-count": "15", "_group_add": "family_members"}
    )
    html = full.content.decode()
    assert 'name="family_members-count" value="15"' in html
    assert "You can add up to 15 entries." in html
    assert "Add another family member" not in html
    unknown = client.post(_url(application), {**WIFE, "_group_add": "nonsense"})
    assert unknown.status_code == 302  # an unknown button is an ordinary "Save and continue"


def test_an_application_with_family_members_is_checked_again_and_sent(client, application):
    pages = {
        "applicant": {"full_name": "Ali Hasan", "cpr": "900101234", "mobile": "36000001"},
        "family": {"marital_status": "married"},
        "members": {"family_members-count": "2", **WIFE},
        "income": {
            "monthly_income": "800",
            "salary_certificate": SimpleUploadedFile(
                "salary.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf"
            ),
        },
        "housing": {"current_housing": "rented", "service_type": "flat", "declaration": "on"},
    }
    base = f"/en/applications/{application.pk}/pages/"
    for page, data in pages.items():
        response = client.post(f"{base}{page}/", data)
        assert response.status_code == 302, (page, response.content.decode()[-3000:])
    application.refresh_from_db()
    # A stored entry that no longer passes its checks (here, edited behind the
    # form's back) stops the application being sent and leads back to its page.
    application.answers["family_members"][0]["member_cpr"] = "12"
    application.save()
    check = f"/en/applications/{application.pk}/check/"
    response = client.post(check, {"revision": application.revision})
    assert response["Location"] == f"{base}members/"
    application.answers["family_members"][0]["member_cpr"] = "920202345"
    application.save()
    response = client.post(check, {"revision": application.revision})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "submitted"
    assert application.answers["family_members"][0]["member_name"] == "Fatima Ali"
    detail = client.get(f"/en/applications/{application.pk}/").content.decode()
    assert "Family member 1" in detail
    assert '<li>Full name: <bdi dir="auto">Fatima Ali</bdi></li>' in detail


def test_a_group_that_needs_entries_says_so_next_to_its_boxes(client, application):
    definition = application.definition
    definition.data["pages"][2]["questions"][0]["min_items"] = 1
    definition.save()
    html = client.post(_url(application), {"family_members-count": "1"}).content.decode()
    assert "Add at least 1 entry to" in html
    assert 'aria-describedby="family_members-hint family_members-error"' in html
    assert 'id="family_members-error"' in html
    assert 'href="#id_family_members-0-member_name"' in html  # from the error summary


def test_the_approvers_preview_shows_the_group(client, application):
    from bawaba.accounts.tests.factories import staff_with_two_step

    approver = staff_with_two_step(application.organisation, "approver")
    client.force_login(approver)
    html = client.get(f"/en/staff/eservices/versions/{application.definition.pk}/").content.decode()
    assert "Who in your family will live with you?" in html
    assert "Family member 1" in html
    assert 'name="members-family_members-0-member_name"' in html
