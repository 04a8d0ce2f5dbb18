"""Every form answers bad input with the error summary and field messages in the
page's language, and keeps what was typed except passwords."""

import pytest
from django.utils import translation

from bawaba.accounts.tests.factories import PASSWORD

# (path, needs sign-in, bad data, a typed value that must come back, a secret that must not)
FORMS = [
    (
        "/accounts/signup/",
        False,
        {"email": "not-an-email", "name_en": "Typed Name", "password1": "secret typed 1"},
        "Typed Name",
        "secret typed 1",
    ),
    (
        "/accounts/login/",
        False,
        {"login": "typed@bawaba.example", "password": ""},
        "typed@bawaba.example",
        None,
    ),
    ("/accounts/password/reset/", False, {"email": "typed-no-at"}, "typed-no-at", None),
    (
        "/accounts/profile/change/",
        True,
        {"mobile": "12", "preferred_language": "en"},
        "12",
        None,
    ),
    (
        "/accounts/password/change/",
        True,
        {"oldpassword": "secret typed 2", "password1": "short", "password2": "short"},
        None,
        "secret typed 2",
    ),
    ("/accounts/email/", True, {"action_add": "", "email": "typed-no-at"}, "typed-no-at", None),
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize(("path", "signed_in", "data", "kept", "secret"), FORMS)
def test_bad_input_is_explained_in_the_page_language_and_kept(
    client, citizen, language, path, signed_in, data, kept, secret
):
    if signed_in:
        client.post("/en/accounts/login/", {"login": citizen.email, "password": PASSWORD})
    response = client.post(f"/{language}{path}", data)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        assert translation.gettext("There is a problem") in html
        assert f"<title>{translation.gettext('Error:')}" in html
    assert 'class="error-message"' in html
    assert 'aria-invalid="true"' in html
    if kept:
        assert f'value="{kept}"' in html
    if secret:
        assert secret not in html
