"""An adapter for an SMS gateway with a JSON-over-HTTPS API: the template to copy
for a real operator.

It posts ``{"to": "+973…", "text": "…", "reference": "…"}`` to ``SMS_HTTP_URL``
with ``Authorization: Bearer <SMS_HTTP_TOKEN>`` and expects a 2xx answer with a
JSON body carrying the gateway's message ``id``. 4xx answers are refusals that
retrying will not fix; 5xx answers, time-outs and network errors are retried by
the caller. The gateway later reports whether each message reached the handset
to ``/hooks/sms/reports/`` (see ``bawaba/notifications/hooks.py``), quoting the
``reference``. To add an operator with another API, copy this module, change the
request and the parsing, and register it under its own name.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings

from bawaba.notifications.sms.providers.base import SmsDeliveryError, SmsReceipt, register


@register("http")
class HttpSmsProvider:
    name = "http"

    def __init__(self) -> None:
        self.url = settings.SMS_HTTP_URL
        self.token = settings.SMS_HTTP_TOKEN
        self.timeout = settings.SMS_HTTP_TIMEOUT_SECONDS
        if not self.url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise SmsDeliveryError("SMS_HTTP_URL must be an https:// address.", retryable=False)

    def send(self, *, to: str, text: str, reference: str) -> SmsReceipt:
        body = json.dumps({"to": to, "text": text, "reference": reference}).encode()
        request = urllib.request.Request(  # noqa: S310  # the scheme is checked in __init__
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": reference,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise SmsDeliveryError(
                f"gateway answered {error.code}", retryable=error.code >= 500
            ) from error
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SmsDeliveryError(f"gateway unreachable: {error}", retryable=True) from error
        return SmsReceipt(provider=self.name, provider_reference=str(answer.get("id", "")))
