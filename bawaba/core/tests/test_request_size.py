"""A request body above REQUEST_MAX_BYTES is refused before it is read."""

from unittest import mock

import pytest
from django.utils import translation


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_60_mb_upload_is_refused_before_its_body_is_read(client, language):
    with mock.patch(
        "django.core.handlers.wsgi.LimitedStream.read", side_effect=AssertionError("body read")
    ):
        response = client.generic(
            "POST",
            f"/{language}/accounts/signup/",
            b"x" * 10,
            content_type="multipart/form-data; boundary=xyz",
            CONTENT_LENGTH=str(60 * 1024 * 1024),
        )
    assert response.status_code == 413
    html = response.content.decode()
    with translation.override(language):
        assert translation.gettext("What you sent is too large") in html
    assert f'lang="{language}"' in html
    assert "21 MB" in html or "21 ميغابايت" in html


@pytest.mark.django_db
def test_a_request_within_the_limit_is_served(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    assert client.post("/en/accounts/signup/", {"email": "a" * 100}).status_code == 200
    assert client.post("/en/accounts/signup/", {"email": "a" * 2000}).status_code == 413
