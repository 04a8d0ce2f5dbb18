import io
import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from bawaba.core.logging import RequestIdFilter


@pytest.mark.django_db
def test_production_log_line_is_one_json_object_per_request_without_personal_data(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("bawaba.request")
    logger.addHandler(handler)
    try:
        response = client.get("/en/search/?q=my+cpr+900101234")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["path"] == "/en/search/"
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert "900101234" not in stream.getvalue()


@pytest.mark.django_db
def test_control_characters_in_a_path_cannot_forge_a_text_log_line(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s [%(request_id)s] %(message)s"))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("bawaba.request")
    logger.addHandler(handler)
    try:
        client.get("/en/x%0D%0AINFO bawaba.request [1] GET /en/admin/ 200 1ms%1B[2J%E2%80%A8")
        client.get("/ar/خدمات/")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert (
        "/en/x\\x0d\\x0aINFO bawaba.request [1] GET /en/admin/ 200 1ms\\x1b[2J\\u2028" in lines[0]
    )
    assert "\x1b" not in lines[0] and "\u2028" not in lines[0]
    # Arabic letters are not control characters: they stay readable.
    assert "/ar/خدمات/" in lines[1]
