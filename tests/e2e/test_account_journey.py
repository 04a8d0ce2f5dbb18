"""A person creates an account, confirms the email, signs in, switches language
and signs out, in Arabic and in English, in a real browser."""

import re

import pytest
from django.utils import translation

from tests.e2e.conftest import axe_violations, click_and_wait

PASSWORD = "a long pass phrase for bawaba"


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_register_confirm_sign_in_switch_language_and_sign_out(page, mailoutbox, language):
    other = "en" if language == "ar" else "ar"
    page.goto(f"/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    click_and_wait(page.get_by_role("link", name=_t(language, "Create an account")).first)
    assert page.locator("h1").inner_text() == _t(language, "Create an account")

    page.fill("#id_name_ar", "فاطمة أحمد")
    page.fill("#id_name_en", "Fatima Ahmed")
    page.fill("#id_email", f"fatima-{language}@bawaba.example")
    page.check("#id_kind_0")
    page.check("#id_residency_0")
    page.fill("#id_cpr", "٩٠٠١٠١٢٣٤" if language == "ar" else "900101234")
    page.fill("#id_mobile", "3600 0001")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    click_and_wait(page.get_by_role("button", name=_t(language, "Create account")))
    assert page.locator("h1").inner_text() == _t(language, "Check your email")

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/confirm-email/\S+/", str(mailoutbox[0].body))
    assert link, mailoutbox[0].body
    page.goto(link.group(0))
    click_and_wait(page.get_by_role("button", name=_t(language, "Confirm")))

    assert f"/{language}/accounts/login/" in page.url
    page.fill("#id_login", f"fatima-{language}@bawaba.example")
    page.fill("#id_password", PASSWORD)
    click_and_wait(page.locator("main").get_by_role("button", name=_t(language, "Sign in")))
    # A citizen lands on their dashboard; their account has their details.
    assert page.locator("h1").inner_text() == _t(language, "Your dashboard")
    page.goto(f"/{language}/accounts/profile/")
    assert page.locator("h1").inner_text() == _t(language, "Your account")
    assert "900101234" in page.content()

    # The welcome message waits in the inbox (and went by email too).
    assert len(mailoutbox) == 2
    welcome = "أهلاً بكم في بوابة" if language == "ar" else "Welcome to Bawaba"
    inbox_link = page.locator(".site-nav").get_by_role(
        "link", name=re.compile(_t(language, "Messages"))
    )
    assert "1" in inbox_link.inner_text()
    click_and_wait(inbox_link)
    assert page.locator("h1").inner_text() == _t(language, "Messages")
    assert axe_violations(page) == []
    click_and_wait(page.get_by_role("link", name=re.compile(welcome)))
    assert page.locator("h1").inner_text() == welcome
    assert axe_violations(page) == []
    assert page.locator(".count-badge").count() == 0
    page.goto(f"/{language}/accounts/profile/")

    # The language switch keeps the person on the same page.
    click_and_wait(page.locator(f'a[hreflang="{other}"]').first)
    assert page.url.endswith(f"/{other}/accounts/profile/")
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("html").get_attribute("dir") == ("rtl" if other == "ar" else "ltr")
    assert page.locator("h1").inner_text() == _t(other, "Your account")

    click_and_wait(page.get_by_role("button", name=_t(other, "Sign out")))
    assert page.get_by_role("link", name=_t(other, "Sign in")).first.is_visible()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_failed_form_shows_the_summary_moves_focus_and_keeps_input(page, language):
    page.goto(f"/{language}/accounts/signup/")
    page.fill("#id_email", "not-an-email")
    page.fill("#id_name_en", "Fatima")
    click_and_wait(page.get_by_role("button", name=_t(language, "Create account")))
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert _t(language, "There is a problem") in summary.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.input_value("#id_email") == "not-an-email"
    assert page.input_value("#id_name_en") == "Fatima"
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#id_name_ar") or "#id_" in page.url
