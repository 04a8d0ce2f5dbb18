"""The adapter for the sandbox's billers (``sandboxes/``, ``/billers/<code>/``):
JSON over HTTP with Basic ``<code>:<secret>``, the secret from
``PAYMENTS_BILLER_SECRETS``. Where they answer is ``PAYMENTS_BILLERS_URL``,
or the sandbox gateway's address when that is empty, read at each call."""

from __future__ import annotations

import datetime
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from bawaba.payments.billers import BillerRefused, BillerUnavailable, BillLookup, register
from bawaba.payments.http import Unreachable, json_call


def _base_url() -> str:
    url: str = settings.PAYMENTS_BILLERS_URL or settings.PAYMENTS_SANDBOX_URL
    return url.rstrip("/")


def lookup_from(answer: Mapping[str, Any]) -> BillLookup:
    try:
        items = [dict(item) for item in answer.get("items") or []]
        return BillLookup(
            reference=str(answer["reference"]),
            holder=str(answer.get("holder") or ""),
            amount_fils=int(answer["amount_due"]),
            items=tuple(items),
            owner_cpr_required=bool(answer.get("owner_cpr_required")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise BillerUnavailable(f"the biller answered unexpected fields: {error}") from error


@register("sandbox")
class SandboxBillers:
    name = "sandbox"

    def _call(
        self, code: str, method: str, path: str, payload: Mapping[str, Any] | None = None
    ) -> tuple[int, Any]:
        try:
            return json_call(
                f"{_base_url()}/billers/{urllib.parse.quote(code)}/{path}",
                method=method,
                user=code,
                secret=settings.PAYMENTS_BILLER_SECRETS.get(code, ""),
                timeout=settings.PAYMENTS_GATEWAY_TIMEOUT_SECONDS,
                payload=payload,
            )
        except Unreachable as error:
            raise BillerUnavailable(f"the biller {error}") from error

    def lookup(self, code: str, reference: str, cpr: str = "") -> BillLookup | None:
        query = {"reference": reference, **({"cpr": cpr} if cpr else {})}
        status, answer = self._call(code, "GET", "lookup?" + urllib.parse.urlencode(query))
        if status == 404:
            return None
        if status != 200:
            raise BillerRefused(f"the biller refused the lookup: {status}")
        return lookup_from(answer)

    def accounts_of(self, code: str, cpr: str) -> list[BillLookup]:
        status, answer = self._call(code, "GET", "accounts?" + urllib.parse.urlencode({"cpr": cpr}))
        if status != 200:
            raise BillerRefused(f"the biller refused the accounts query: {status}")
        return [lookup_from(account) for account in answer.get("accounts") or []]

    def notify_paid(
        self,
        code: str,
        *,
        reference: str,
        amount_fils: int,
        payment_reference: str,
        paid_at: datetime.datetime,
    ) -> str:
        status, answer = self._call(
            code,
            "POST",
            "payments",
            {
                "payment_reference": payment_reference,
                "reference": reference,
                "amount": amount_fils,
                "paid_at": paid_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
        )
        if status != 200 or not answer.get("acknowledgement"):
            error = answer.get("error", status) if isinstance(answer, dict) else status
            raise BillerRefused(f"the biller refused the payment: {error}")
        return str(answer["acknowledgement"])[:100]
