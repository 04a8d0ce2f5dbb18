"""The API's errors as RFC 7807 problem details (``application/problem+json``),
and its per-address rate."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any, cast

from django.http import HttpRequest
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler

from bawaba.catalogue.limits import API_RATE
from bawaba.core.net import client_key

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_response(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handling of ``exc`` (404, 400, 429…), with the body as a problem."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    problem: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(response.status_code).phrase,
        "status": response.status_code,
    }
    if isinstance(data, dict) and set(data) == {"detail"}:
        problem["detail"] = str(data["detail"])
        code = getattr(data["detail"], "code", None)
        if code:
            problem["code"] = code
    else:  # field errors: {"page_size": ["…"]}
        problem["detail"] = problem["title"]
        problem["errors"] = data
    response.data = problem
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


PROBLEM = inline_serializer(
    "Problem",
    {
        "type": serializers.CharField(),
        "title": serializers.CharField(),
        "status": serializers.IntegerField(),
        "detail": serializers.CharField(),
        "code": serializers.CharField(required=False),
        "errors": serializers.DictField(required=False),
    },
)


def problem(status: int, description: str) -> dict[tuple[int, str], OpenApiResponse]:
    """A documented error response, for ``extend_schema(responses=…)``."""
    return {
        (status, PROBLEM_CONTENT_TYPE): OpenApiResponse(response=PROBLEM, description=description)
    }


class AddressRateThrottle(AnonRateThrottle):
    """Requests per client address, the address read as everywhere else in
    Bawaba (trusting TRUSTED_PROXY_COUNT proxies); an IPv6 client counts by its
    /64 network, which one host can rotate its addresses within."""

    scope = "catalogue_api"

    def get_rate(self) -> str:
        return API_RATE

    def get_ident(self, request: Request) -> str:
        return client_key(cast(HttpRequest, request)) or "unknown"  # Request proxies META
