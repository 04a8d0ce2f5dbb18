"""Fixtures of the payments tests (the finance pages' in finance_helpers)."""

from bawaba.payments.tests.finance_helpers import (  # noqa: F401  # fixtures shared by name
    colleague,
    fees,
    finance,
    provider,
)
