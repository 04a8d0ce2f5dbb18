"""The person's dashboard: what each app has of theirs, in one place.

Accounts sits below every app that holds something of a person's, so it never
names them: each app registers, from its ``AppConfig.ready()``, a provider, a
function ``(user) -> list[DashboardItem]`` that reads through the app's own
selectors scoped to that person, at most ``LIMIT`` items, in a fixed number of
queries whatever the person has. The page gathers them newest first and puts
those that wait for the person (pay, answer, download) at the top."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import DateTimeField, Value
from django.utils.functional import Promise

# The most items one provider gives (the app's own page has the rest).
LIMIT = 20
# For ordering by the latest of several moments, some never reached: Greatest()
# of a NULL is NULL on SQLite, so a missing moment counts as this long ago.
LONG_AGO = Value(datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC), output_field=DateTimeField())


@dataclass(frozen=True)
class DashboardItem:
    # Which list it belongs to: "applications", "payments", "cases",
    # "participation" or "documents" (the page's filters).
    section: str
    kind: str | Promise  # what it is, e.g. "Application", "Payment"
    title: str | Promise
    url: str
    when: datetime.datetime
    status: str | Promise = ""
    colour: str = "grey"  # a status tag colour: grey | blue | green | yellow | red
    reference: str = ""
    next_step: str | Promise = ""  # e.g. "Pay the fee"
    next_url: str = ""  # where the next step is done; the item's page by default
    needs_action: bool = False
    amount_fils: int | None = None  # what is paid or to pay, in fils


Provider = Callable[[Any], list[DashboardItem]]

_PROVIDERS: dict[str, Provider] = {}


def dashboard_provider_register(name: str, provider: Provider) -> None:
    """Add (or, registered again under the same name, replace) a provider."""
    _PROVIDERS[name] = provider


def dashboard_providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def dashboard_items(user: Any) -> list[DashboardItem]:
    """Every provider's items for ``user``, newest first."""
    items: list[DashboardItem] = []
    for provider in _PROVIDERS.values():
        items.extend(provider(user))
    return sorted(items, key=lambda item: item.when, reverse=True)
