"""SMS providers sit behind one small interface and a registry.

Each provider lives in its own module, registers itself under a name with
``@register("name")``, and is chosen by the ``SMS_PROVIDER`` setting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings


@dataclass(frozen=True)
class SmsReceipt:
    """What a provider says when it accepts a message."""

    provider: str
    provider_reference: str
    # True when the provider already knows the message reached the handset
    # (the sandbox does); otherwise a delivery report may say so later.
    delivered: bool = False


class SmsDeliveryError(Exception):
    """The provider refused or could not be reached; ``retryable`` says whether
    trying again later may succeed."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class SmsProvider(Protocol):
    name: str

    def send(self, *, to: str, text: str, reference: str) -> SmsReceipt: ...


_REGISTRY: dict[str, Callable[[], SmsProvider]] = {}


def register(name: str) -> Callable[[type], type]:
    def decorator(cls: type) -> type:
        cls.name = name  # type: ignore[attr-defined]  # every provider class carries its name
        _REGISTRY[name] = cls
        return cls

    return decorator


def sms_provider() -> SmsProvider:
    """The provider named by settings.SMS_PROVIDER."""
    name = settings.SMS_PROVIDER
    try:
        return _REGISTRY[name]()
    except KeyError as error:
        known = ", ".join(sorted(_REGISTRY))
        raise LookupError(f"SMS_PROVIDER={name!r} is not registered (known: {known})") from error


def registered_sms_providers() -> list[str]:
    return sorted(_REGISTRY)
