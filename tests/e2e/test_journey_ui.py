"""On a phone (390 px wide), in Arabic and English: the header folds into a
"Menu" that opens with or without JavaScript, a wide table says it scrolls,
each page of an application says which step it is, and a decided application
opens with its document. Every page passes axe-core."""

import re

import pytest
from django.utils import timezone, translation

from bawaba.accounts.tests.factories import OrganisationFactory, StaffFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.issuing import document_issue
from bawaba.eservices.models import Application, ApplicationState, EServiceDefinition
from bawaba.eservices.tests.samples import application_for, published_eservice
from tests.e2e.conftest import axe_violations, click_and_wait, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LANGUAGES = ["ar", "en"]
OPEN = re.compile(".*")  # a <details> element's "open" attribute, with any value


def _t(language, text):
    with translation.override(language):
        return translation.gettext(text)


def _step(language, number, steps):
    with translation.override(language):
        return translation.ngettext(
            "Step %(number)s of %(steps)s", "Step %(number)s of %(steps)s", steps
        ) % {"number": number, "steps": steps}


@pytest.fixture
def applicant(live_server, settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")
    service = ServiceFactory.create(slug="renew-smart-card", provider=OrganisationFactory.create())
    published_eservice(service)
    return UserFactory.create(cpr="900101234", mobile="+97336000001", name_en="Maryam")


def _menu_works(page, language, axe=True):
    from playwright.sync_api import expect

    menu = page.locator(".site-nav__menu")
    toggle = page.locator(".site-nav__toggle")
    applications = page.locator(".site-nav").get_by_role(
        "link", name=_t(language, "Your applications")
    )
    other = "en" if language == "ar" else "ar"
    assert page.locator(f".site-nav a[hreflang={other}]").is_visible()  # language: always there
    assert toggle.is_visible()
    assert toggle.inner_text().strip() == _t(language, "Menu")
    assert not applications.is_visible()
    assert menu.get_attribute("open") is None
    toggle.click()
    expect(menu).to_have_attribute("open", OPEN)
    expect(applications).to_be_visible()
    if axe:  # axe-core is a script: not on a page without JavaScript
        assert axe_violations(page) == []
    click_and_wait(applications)
    page.wait_for_url(f"**/{language}/applications/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_390_px_the_header_is_a_menu_that_opens_and_its_links_work(
    page, live_server, applicant, language
):
    from playwright.sync_api import expect

    sign_in(page.context, live_server, applicant)
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/")
    assert axe_violations(page) == []
    _menu_works(page, language)
    # Keyboard: the summary is a button; Enter opens it.
    page.goto(f"/{language}/")
    page.locator(".site-nav__toggle").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".site-nav__menu")).to_have_attribute("open", OPEN)
    # Nothing pokes out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_works_without_javascript(
    page_without_javascript, live_server, applicant, language
):
    page = page_without_javascript
    sign_in(page.context, live_server, applicant)
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/")
    _menu_works(page, language, axe=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_sees_sign_in_in_the_menu(page, language):
    from playwright.sync_api import expect

    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/")
    sign_in_link = page.locator(".site-nav").get_by_role("link", name=_t(language, "Sign in"))
    assert not sign_in_link.is_visible()
    page.locator(".site-nav__toggle").click()
    expect(sign_in_link).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_wide_screen_the_links_show_without_a_menu(page, live_server, applicant, language):
    sign_in(page.context, live_server, applicant)
    page.set_viewport_size(DESKTOP)
    page.goto(f"/{language}/")
    assert not page.locator(".site-nav__toggle").is_visible()
    link = page.locator(".site-nav").get_by_role("link", name=_t(language, "Your applications"))
    assert link.is_visible()
    click_and_wait(link)
    page.wait_for_url(f"**/{language}/applications/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wide_table_says_it_scrolls_only_when_it_does(page, live_server, applicant, language):
    from playwright.sync_api import expect

    definition = EServiceDefinition.objects.get()
    for _ in range(2):
        application_for(definition, applicant=applicant, state=ApplicationState.SUBMITTED)
    sign_in(page.context, live_server, applicant)
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/applications/")
    wrapper = page.locator(".table-wrapper")
    hint = wrapper.locator(".table-wrapper__hint")
    assert wrapper.evaluate("box => box.scrollWidth > box.clientWidth")
    expect(hint).to_be_visible()
    assert hint.inner_text().strip() == _t(language, "Scroll sideways to see the whole table")
    assert axe_violations(page) == []
    page.set_viewport_size(DESKTOP)
    assert wrapper.evaluate("box => box.scrollWidth <= box.clientWidth")
    # The hint follows the table's scroll timeline, which the browser updates on
    # its next frames after the resize: wait for it to go.
    expect(hint).to_be_hidden()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_of_an_application_says_its_step_in_the_title_and_above_the_heading(
    page, live_server, applicant, language
):
    sign_in(page.context, live_server, applicant)
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/services/renew-smart-card/apply/")
    click_and_wait(page.get_by_role("button", name=_t(language, "Start now")))
    page.wait_for_url("**/pages/applicant/")
    first = _step(language, 1, 5)
    assert page.title().startswith(first)
    assert page.locator(".progress__step").inner_text().strip() == first
    assert axe_violations(page) == []
    application = Application.objects.get(applicant=applicant)
    page.goto(f"/{language}/applications/{application.pk}/check/")
    last = _step(language, 5, 5)
    assert page.title().startswith(last)
    assert page.locator(".progress__step").inner_text().strip() == last
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_decided_application_opens_with_its_document(page, live_server, applicant, language):
    definition = EServiceDefinition.objects.get()
    application = application_for(
        definition,
        applicant=applicant,
        state=ApplicationState.APPROVED,
        submitted_at=timezone.now(),
    )
    document_issue(application=application, issued_by=StaffFactory.create())
    sign_in(page.context, live_server, applicant)
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/applications/{application.pk}/")
    first = page.locator("main h1 + *")
    assert first.locator("h2").inner_text().strip() == _t(language, "Your document is ready")
    link = first.get_by_role("link", name=_t(language, "Download the document (PDF)"))
    assert link.is_visible()
    assert first.locator(".isolate-code").inner_text().strip()
    assert axe_violations(page) == []
