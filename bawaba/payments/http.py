"""JSON over HTTP(S) with HTTP Basic authentication: how the portal calls an
external party's API (the sandbox gateway and billers today). A party that
cannot be reached, answers with a server error or with something that is not
JSON is *unreachable* (try later); any other answer is returned with its
status for the adapter to read."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any


class Unreachable(Exception):
    """No usable answer: not reached, a 5xx, or not JSON."""


def json_call(
    url: str,
    *,
    method: str,
    user: str,
    secret: str,
    timeout: float,
    payload: Mapping[str, Any] | None = None,
    raw: bool = False,
) -> tuple[int, Any]:
    """The status and the decoded JSON body (the text itself with ``raw``)."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310  # our own settings
    token = base64.b64encode(f"{user}:{secret}".encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310  # as above
            body = answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        body = error.read()
        status = error.code
        if status >= 500:
            raise Unreachable(f"answered {status}") from error
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        raise Unreachable(f"unreachable: {error}") from error
    if raw:
        return status, body.decode("utf-8", "replace")
    try:
        return status, json.loads(body or b"{}")
    except ValueError as error:
        raise Unreachable("answered something that is not JSON") from error
