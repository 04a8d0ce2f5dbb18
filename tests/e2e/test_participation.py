"""The pages every participation space shares, in a real browser and both
languages: "Have your say", choosing the name shown with posts (a refused
name keeps what was typed and its error is announced), axe-core clean."""

import pytest

from tests.e2e.conftest import axe_violations, click_and_wait, sign_in


@pytest.mark.parametrize("language", ["ar", "en"])
def test_have_your_say_is_reached_from_every_page_and_is_accessible(page, language):
    page.goto(f"/{language}/")
    click_and_wait(page.locator("footer a[href$='/participate/']"))
    assert page.url.endswith(f"/{language}/participate/")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_person_chooses_the_name_shown_with_their_posts(page, live_server, citizen, language):
    sign_in(page.context, live_server, citizen)
    page.goto(f"/{language}/participate/name/?next=/{language}/participate/")
    page.fill("#id_display_name", "fatima@example.com")
    click_and_wait(page.locator("main form button[type=submit]"))
    page.wait_for_selector("[data-error-summary]")
    assert page.input_value("#id_display_name") == "fatima@example.com"
    assert axe_violations(page) == []
    page.fill("#id_display_name", "فاطمة" if language == "ar" else "Fatima")
    click_and_wait(page.locator("main form button[type=submit]"))
    page.wait_for_url(f"**/{language}/participate/")
    assert axe_violations(page) == []
