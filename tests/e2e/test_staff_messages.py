"""The staff pages for messages pass axe-core in both languages."""

import pytest

from bawaba.accounts.tests.factories import UserFactory, staff_with_two_step
from bawaba.notifications.actions import notify
from bawaba.notifications.models import Delivery, DeliveryState
from tests.e2e.conftest import axe_violations, sign_in

PAGES = [
    "/staff/messages/",
    "/staff/messages/failed/",
    "/staff/messages/templates/",
    "/staff/messages/templates/account.welcome/sms/",
    "/staff/messages/templates/security.password_changed/email/",
]


@pytest.fixture
def administrator_page(page, live_server):
    administrator = staff_with_two_step(is_superuser=True)
    sign_in(page.context, live_server, administrator)
    failed = notify(recipient=UserFactory.create(), event="account.welcome", idempotency_key="w")
    Delivery.objects.filter(notification=failed).update(
        state=DeliveryState.FAILED, last_error="mail server answered 550"
    )
    return page


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_staff_message_pages_have_no_axe_violations(administrator_page, language, path):
    page = administrator_page
    page.goto(f"/{language}{path}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert axe_violations(page) == []
