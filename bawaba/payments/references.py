"""Payment references (``PAY-7K3Q-9MXD``): the case kit's references with the
payments' prefix; the merchant reference the gateway knows a payment by."""

from __future__ import annotations

from bawaba.cases import references

PREFIX = "PAY"


def reference_new() -> str:
    return references.reference_new(PREFIX)


def reference_normalise(text: str) -> str | None:
    return references.reference_normalise(text, PREFIX)
