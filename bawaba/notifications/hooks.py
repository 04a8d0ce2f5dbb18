"""Delivery reports from the SMS gateway.

The gateway posts ``{"reference": "<the reference Bawaba sent>", "status":
"delivered" | "failed", "reason": "…"}`` to ``/hooks/sms/reports/`` with
``Authorization: Bearer <SMS_REPORT_TOKEN>``. Answers: 204 recorded or already
known, 400 malformed, 401 wrong token, 404 no such message. When
``SMS_REPORT_TOKEN`` is empty the endpoint answers 404: reports are off.
"""

from __future__ import annotations

import hmac
import json
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bawaba.notifications.actions import delivery_report
from bawaba.notifications.models import Delivery, DeliveryChannel


def _problem(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


@csrf_exempt  # a machine-to-machine endpoint authenticated by its bearer token
@require_POST
def sms_report(request: HttpRequest) -> HttpResponse:
    expected = settings.SMS_REPORT_TOKEN
    if not expected:
        return _problem(404, "delivery reports are not enabled")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return _problem(401, "wrong or missing token")
    try:
        report = json.loads(request.body)
        reference = uuid.UUID(str(report["reference"]))
        status = report["status"]
    except (ValueError, KeyError, TypeError):
        return _problem(400, "expected JSON with reference (a UUID) and status")
    if status not in ("delivered", "failed"):
        return _problem(400, "status must be delivered or failed")
    if not Delivery.objects.filter(pk=reference, channel=DeliveryChannel.SMS).exists():
        return _problem(404, "no such message")
    delivery_report(
        delivery_id=reference,
        delivered=status == "delivered",
        reason=str(report.get("reason", ""))[:200],
    )
    return HttpResponse(status=204)
