"""A repeating group in a real browser, in Arabic: add and remove family
members without JavaScript's help, focus moves to the new entry, Enter saves
the page rather than removing an entry, and axe-core finds nothing."""

from pathlib import Path

from django.conf import settings

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.tests.samples import application_for, published_eservice
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

HOUSING = Path(settings.BASE_DIR) / "demo" / "eservices" / "housing-application.yaml"


def test_family_members_are_added_removed_and_saved(page, live_server):
    from playwright.sync_api import expect  # here: without Playwright the tests skip

    service = ServiceFactory.create(
        slug="housing-application", provider=OrganisationFactory.create()
    )
    definition = published_eservice(service, HOUSING.read_text(encoding="utf-8"))
    applicant = UserFactory.create(residency="citizen")
    application = application_for(definition, applicant=applicant)
    sign_in(page.context, live_server, applicant)
    page.goto(f"/ar/applications/{application.pk}/pages/members/")
    assert page.locator("legend", has_text="فرد الأسرة 1").count() == 1

    page.fill("#id_family_members-0-member_name", "فاطمة علي")
    page.fill("#id_family_members-0-member_cpr", "920202345")
    page.check("#id_family_members-0-member_relationship_0")
    page.fill("#id_family_members-0-member_birth_date", "1992-02-20")
    click_and_wait(page.get_by_role("button", name="إضافة فرد آخر من الأسرة"))

    assert page.locator("legend", has_text="فرد الأسرة 2").count() == 1
    expect(page.locator("#id_family_members-1-member_name")).to_be_focused()
    assert page.input_value("#id_family_members-0-member_name") == "فاطمة علي"
    assert axe_violations(page) == []

    page.fill("#id_family_members-1-member_name", "حسن علي")
    click_and_wait(page.get_by_role("button", name="حذف فرد الأسرة 1"))
    assert page.locator("legend", has_text="فرد الأسرة 2").count() == 0
    assert page.input_value("#id_family_members-0-member_name") == "حسن علي"

    # A half-filled entry: Enter in a box sends "Save and continue", and the
    # page explains what is missing.
    with page.expect_navigation(wait_until="load"):
        page.press("#id_family_members-0-member_name", "Enter")
    assert page.locator(".error-summary").count() == 1
    assert page.input_value("#id_family_members-0-member_name") == "حسن علي"
    assert axe_violations(page) == []

    page.fill("#id_family_members-0-member_cpr", "150303456")
    page.check("#id_family_members-0-member_relationship_1")
    page.fill("#id_family_members-0-member_birth_date", "2015-03-03")
    with page.expect_navigation(wait_until="load"):
        page.press("#id_family_members-0-member_cpr", "Enter")
    page.wait_for_url(f"**/ar/applications/{application.pk}/pages/income/")
    application.refresh_from_db()
    assert application.answers["family_members"] == [
        {
            "member_name": "حسن علي",
            "member_cpr": "150303456",
            "member_relationship": "son",
            "member_birth_date": "2015-03-03",
        }
    ]
