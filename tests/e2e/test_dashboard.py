"""The person's dashboard in a real browser, in both languages: a citizen
with an application waiting for payment, a decided application with its
document, a complaint waiting for their answer, a payment under way and a
comment on a consultation signs in and lands on it; what waits for them comes
first; the filters and links work without JavaScript; axe-core finds nothing."""

import pytest

from bawaba.accounts.tests.dashboard_samples import everything_for, taking_part_and_bills_for
from bawaba.accounts.tests.factories import PASSWORD, UserFactory
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_citizen_signs_in_and_sees_their_dashboard(page, language):
    citizen = UserFactory.create(email=f"maryam-{language}@bawaba.example")
    hers = everything_for(citizen, tag=language)
    someone = everything_for(UserFactory.create(), tag="x")

    page.goto(f"/{language}/accounts/login/")
    page.fill("#id_login", citizen.email)
    page.fill("#id_password", PASSWORD)
    click_and_wait(page.locator("main form button[type=submit]").last)

    assert page.url.endswith(f"/{language}/accounts/dashboard/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    attention = page.locator(".dashboard-list--attention > .dashboard-item")
    assert attention.count() == 4  # the fee, the answer, the payment, the document
    content = page.content()
    for reference in (
        hers.unpaid.reference,
        hers.decided.reference,
        hers.complaint.reference,
        hers.payment.reference,
    ):
        assert reference in content
    for reference in (someone.unpaid.reference, someone.complaint.reference):
        assert reference not in content
    # References sit in bidi isolates.
    assert page.locator(f'bdi:has-text("{hers.unpaid.reference}")').count() >= 1
    assert page.locator(".dashboard-messages li").count() == 1
    assert axe_violations(page) == []

    # The next step goes to the application, where the fee is paid.
    click_and_wait(
        page.locator(f'.dashboard-list--attention a[href$="/applications/{hers.unpaid.pk}/"]').first
    )
    assert page.url.endswith(f"/{language}/applications/{hers.unpaid.pk}/")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_dashboard_and_its_filters_work_without_javascript(
    page_without_javascript, live_server, language
):
    page = page_without_javascript
    citizen = UserFactory.create()
    hers = everything_for(citizen, tag=language)
    sign_in(page.context, live_server, citizen)

    page.goto(f"/{language}/accounts/dashboard/")
    assert page.locator("ol.dashboard-list > .dashboard-item").count() == 6
    click_and_wait(page.locator('.dashboard-filters a[href="?show=cases"]'))
    page.wait_for_url("**?show=cases", wait_until="load")
    items = page.locator("ol.dashboard-list > .dashboard-item")
    assert items.count() == 1
    assert hers.complaint.reference in items.first.inner_text()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_empty_dashboard_is_accessible_and_offers_ways_in(page, live_server, language):
    citizen = UserFactory.create()
    sign_in(page.context, live_server, citizen)
    page.goto(f"/{language}/accounts/dashboard/")
    assert page.locator(".dashboard-item").count() == 0
    assert page.locator('main a[href$="/contact/message/"]').count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_bills_and_taking_part_on_a_phone(page, live_server, language):
    citizen = UserFactory.create()
    hers = taking_part_and_bills_for(citizen, tag=language)
    someone = taking_part_and_bills_for(UserFactory.create(), tag="x")
    sign_in(page.context, live_server, citizen)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"/{language}/accounts/dashboard/")
    attention = page.locator(".dashboard-list--attention > .dashboard-item")
    assert attention.count() == 2  # the bill to pay, the survey to answer
    content = page.content()
    assert hers.bill.reference in content
    assert someone.bill.reference not in content
    assert "12.500" in page.locator(".dashboard-item__amount bdi").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []

    click_and_wait(page.locator('.dashboard-filters a[href="?show=participation"]'))
    page.wait_for_url("**?show=participation", wait_until="load")
    assert page.locator("ol.dashboard-list > .dashboard-item").count() == 4
    assert axe_violations(page) == []

    # The bill's next step opens the bill, ready to pay.
    page.goto(f"/{language}/accounts/dashboard/")
    click_and_wait(attention.locator(f'a[href$="/pay/bills/{hers.bill.pk}/"]').last)
    page.wait_for_url(f"**/{language}/pay/bills/{hers.bill.pk}/")
    assert hers.bill.reference in page.content()
