"""The payer's payment pages in a real browser, in both languages: every
state a payer can land on passes axe-core and reads right to left in Arabic."""

import pytest

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.payments import actions, payables
from bawaba.payments.tests.helpers import Dues, provider_account
from tests.e2e.conftest import axe_violations, sign_in


@pytest.fixture
def payer_page(page, live_server, settings, sandbox):
    settings.PORTAL_URL = live_server.url
    kind = Dues()
    payables.payable_kind_register(kind)
    payer = UserFactory.create(name_en="Maryam")
    organisation = OrganisationFactory.create()
    provider_account(organisation)
    kind.add("E-1", 9_999, organisation, payer=payer)
    sign_in(page.context, live_server, payer)
    yield page, payer
    payables._KINDS.pop(kind.code, None)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_payment_pages_a_payer_can_land_on_pass_axe(payer_page, language):
    page, payer = payer_page
    page.goto(f"/{language}/accounts/payments/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert axe_violations(page) == []
    payment = actions.payment_start(
        kind="test_dues", payable_id="E-1", key="k", payer=payer, language=language
    )
    page.goto(f"/{language}/accounts/payments/{payment.reference}/")
    assert "9.999" in page.content()
    assert axe_violations(page) == []  # being confirmed
    page.goto(f"/{language}/accounts/payments/")
    assert payment.reference in page.content()
    assert axe_violations(page) == []
