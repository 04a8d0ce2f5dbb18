"""A request body above REQUEST_MAX_BYTES is refused before it is read."""

import io
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


class _ChunkedBody(io.BytesIO):
    """A chunked request body as the WSGI server hands it on: no length known
    in advance, read until it ends. Counts what was read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def _post_chunked(client, path, body, content_type="application/x-www-form-urlencoded"):
    stream = _ChunkedBody(body)
    response = client.generic(
        "POST",
        path,
        b"",
        # No data for the test client to measure: the body comes from the stream.
        CONTENT_TYPE=content_type,
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
        **{"wsgi.input": stream},
    )
    return response, stream


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_chunked_body_over_the_limit_is_refused_without_reading_it_all(
    client, settings, language
):
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    body = b"email=" + b"a" * (5 * 1024 * 1024)
    response, stream = _post_chunked(client, f"/{language}/accounts/signup/", body)
    assert response.status_code == 413
    with translation.override(language):
        assert translation.gettext("What you sent is too large") in response.content.decode()
    # Reading stops soon after the limit, not at the end of the body.
    assert stream.bytes_read <= settings.REQUEST_MAX_BYTES + 64 * 1024


@pytest.mark.django_db
def test_a_chunked_body_within_the_limit_reaches_the_page_whole(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response, _stream = _post_chunked(
        client, "/en/accounts/signup/", b"email=kept%40bawaba.example&name_en=Kept"
    )
    assert response.status_code == 200
    # The form was filled from the body: what was typed is shown again.
    assert 'value="kept@bawaba.example"' in response.content.decode()
    response, _stream = _post_chunked(client, "/en/accounts/signup/", b"a" * 1001)
    assert response.status_code == 413
