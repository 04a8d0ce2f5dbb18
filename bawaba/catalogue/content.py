"""A service's editable content as plain data, in and out of a revision.

Pure functions over the Service model's fields: what an editor may change, which
bilingual fields must be complete before publication, and applying a revision.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from bawaba.accounts.models import Organisation
from bawaba.catalogue.models import Audience, Category, LifeEvent, Service

# Field pairs that must be filled in both languages to publish (documents and
# fee notes may be empty, but not in one language only).
REQUIRED_PAIRS = ("title", "summary", "eligibility", "processing_time", "how_to_apply")
OPTIONAL_PAIRS = ("documents", "fee_note", "keywords", "availability_note")
PAIR_LABELS = {
    "name": _("name"),
    "description": _("description"),
    "address": _("address"),
    "opening_hours": _("opening hours"),
    "title": _("title"),
    "summary": _("what it is"),
    "eligibility": _("who can use it"),
    "processing_time": _("processing time"),
    "how_to_apply": _("how to apply"),
    "documents": _("documents needed"),
    "fee_note": _("about the fee"),
    "keywords": _("search keywords"),
    "availability_note": _("availability notice"),
}
SCALAR_FIELDS = (
    "fee_fils",
    "processing_days",
    "online",
    "online_url",
    "in_person",
    "by_phone",
    "availability",
    "review_by",
)
RELATIONS: dict[str, type[Audience] | type[Category] | type[LifeEvent]] = {
    "audiences": Audience,
    "categories": Category,
    "life_events": LifeEvent,
}


def content_of(service: Service) -> dict[str, Any]:
    """The current public content of a service, as revision data."""
    data: dict[str, Any] = {}
    for pair in REQUIRED_PAIRS + OPTIONAL_PAIRS:
        for language in ("ar", "en"):
            data[f"{pair}_{language}"] = getattr(service, f"{pair}_{language}")
    for name in SCALAR_FIELDS:
        value = getattr(service, name)
        data[name] = value.isoformat() if isinstance(value, datetime.date) else value
    for name in RELATIONS:
        data[name] = sorted(getattr(service, name).values_list("slug", flat=True))
    return data


def bilingual_gaps(
    data: dict[str, Any],
    required: tuple[str, ...] = REQUIRED_PAIRS,
    optional: tuple[str, ...] = OPTIONAL_PAIRS,
) -> list[str]:
    """The labels of fields filled in one language only, or required and empty."""
    gaps = []
    for pair in required + optional:
        arabic = str(data.get(f"{pair}_ar") or "").strip()
        english = str(data.get(f"{pair}_en") or "").strip()
        if (pair in required and not (arabic and english)) or bool(arabic) != bool(english):
            gaps.append(str(PAIR_LABELS[pair]))
    return gaps


def content_apply(service: Service, data: dict[str, Any]) -> None:
    """Write revision data onto the service (the caller saves and reindexes)."""
    for pair in REQUIRED_PAIRS + OPTIONAL_PAIRS:
        for language in ("ar", "en"):
            setattr(service, f"{pair}_{language}", data.get(f"{pair}_{language}") or "")
    for name in SCALAR_FIELDS:
        value = data.get(name)
        if name == "review_by" and value:
            value = datetime.date.fromisoformat(value)
        if name == "online_url" and value is None:
            value = ""
        setattr(service, name, value)
    service.save()
    for name, model in RELATIONS.items():
        getattr(service, name).set(model.objects.filter(slug__in=data.get(name, [])))


def tidy_text(text: str) -> str:
    """Text as it reads: one kind of line break, no spaces at the ends of lines,
    no empty lines at either end (browsers send CRLF from a textarea)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def _comparable(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return tidy_text(value)
    if isinstance(value, (list, tuple)):
        return sorted(_comparable(item) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def content_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of the fields whose values a revision changes, for reviewers (the
    same words with other line breaks, an empty value for none, or the same
    slugs in another order are no change)."""
    names = set(before) | set(after)
    return sorted(
        name for name in names if _comparable(before.get(name)) != _comparable(after.get(name))
    )


# A provider's directory entry: what its staff may change through the portal.
PROVIDER_REQUIRED_PAIRS = ("description", "address", "opening_hours")
PROVIDER_SCALAR_FIELDS = ("email", "phone", "website")


def provider_content_of(provider: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for pair in PROVIDER_REQUIRED_PAIRS:
        for language in ("ar", "en"):
            data[f"{pair}_{language}"] = getattr(provider, f"{pair}_{language}")
    for name in PROVIDER_SCALAR_FIELDS:
        data[name] = getattr(provider, name)
    return data


def provider_gaps(data: dict[str, Any]) -> list[str]:
    return bilingual_gaps(data, required=PROVIDER_REQUIRED_PAIRS, optional=())


def provider_content_apply(provider: Organisation, data: dict[str, Any]) -> None:
    for name in provider_content_of(provider):
        setattr(provider, name, data.get(name) or "")
    provider.save()
