"""System checks: every gateway the installation switches on
(``PAYMENTS_GATEWAYS``) must be one a module registered."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from bawaba.payments.gateways import gateways_registered


def gateways_known(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    unknown = [name for name in settings.PAYMENTS_GATEWAYS if name not in gateways_registered()]
    return [
        Error(
            f"PAYMENTS_GATEWAYS names an unknown payment gateway {name!r}.",
            hint=f"Known gateways: {', '.join(gateways_registered())}.",
            id="payments.E001",
        )
        for name in unknown
    ]


def register_checks() -> None:
    register(gateways_known)
