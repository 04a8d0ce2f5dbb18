"""Bahraini dinars: amounts are integers of fils (1 BD = 1,000 fils), shown with
three decimals and Western digits in both languages."""

from __future__ import annotations

FILS_PER_DINAR = 1000


def format_dinars(fils: int, language: str) -> str:
    """2500 → 'BD 2.500' in English, '2.500 د.ب' in Arabic."""
    sign = "-" if fils < 0 else ""
    dinars, remainder = divmod(abs(fils), FILS_PER_DINAR)
    amount = f"{sign}{dinars:,}.{remainder:03d}"
    return f"{amount} د.ب" if language == "ar" else f"BD {amount}"
