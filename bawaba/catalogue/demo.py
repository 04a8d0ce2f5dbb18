"""The demo catalogue, read from demo/catalogue/: taxonomy and services.

Idempotent like the accounts demo: what exists is left as it is, so running it
twice changes nothing. Every record is checked for completeness in both
languages before anything is written.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from bawaba.accounts.models import Organisation
from bawaba.catalogue.cache import catalogue_changed
from bawaba.catalogue.models import Audience, Category, LifeEvent, Service, Taxonomy
from bawaba.catalogue.search import services_reindex

CATALOGUE_DIR = Path(settings.BASE_DIR) / "demo" / "catalogue"
_BILINGUAL_TEXT = ("title", "summary", "eligibility", "processing_time", "how_to_apply")


class DemoDataError(Exception):
    pass


@dataclass(frozen=True)
class CatalogueResult:
    taxonomy_created: int
    services_created: int
    services_total: int


def _taxonomy_load(model: type[Taxonomy], rows: list[dict[str, Any]]) -> int:
    created = 0
    for position, row in enumerate(rows):
        _obj, was_created = model.objects.get_or_create(  # type: ignore[attr-defined]  # concrete subclasses have managers
            slug=row["slug"],
            defaults={
                "name_ar": row["name"]["ar"],
                "name_en": row["name"]["en"],
                "description_ar": row.get("description", {}).get("ar", ""),
                "description_en": row.get("description", {}).get("en", ""),
                "position": position,
            },
        )
        created += int(was_created)
    return created


def _check(row: dict[str, Any]) -> None:
    slug = row.get("slug", "?")
    for field in _BILINGUAL_TEXT:
        value = row.get(field) or {}
        if not (str(value.get("ar", "")).strip() and str(value.get("en", "")).strip()):
            raise DemoDataError(f"{slug}: {field} must be filled in Arabic and English")
    if len(row["documents"]["ar"]) != len(row["documents"]["en"]):
        raise DemoDataError(f"{slug}: documents differ in number between languages")
    if "online" in row["channels"] and not row.get("online_url"):
        raise DemoDataError(f"{slug}: an online service needs online_url")


def _service_fields(row: dict[str, Any], provider: Organisation) -> dict[str, Any]:
    def pair(name: str) -> dict[str, str]:
        value = row.get(name) or {"ar": "", "en": ""}
        return {f"{name}_ar": value["ar"].strip(), f"{name}_en": value["en"].strip()}

    return {
        "provider": provider,
        **pair("title"),
        **pair("summary"),
        **pair("eligibility"),
        **pair("fee_note"),
        **pair("processing_time"),
        **pair("how_to_apply"),
        "documents_ar": "\n".join(row["documents"]["ar"]),
        "documents_en": "\n".join(row["documents"]["en"]),
        "keywords_ar": "\n".join(row["keywords"]["ar"]),
        "keywords_en": "\n".join(row["keywords"]["en"]),
        "fee_fils": row.get("fee_fils"),
        "processing_days": row.get("processing_days"),
        "online": "online" in row["channels"],
        "online_url": row.get("online_url", ""),
        "in_person": "in_person" in row["channels"],
        "by_phone": "phone" in row["channels"],
        "popularity": row.get("popularity", 0),
        "is_published": True,
        "last_reviewed_on": datetime.date.fromisoformat(row["last_reviewed"]),
        "review_by": datetime.date.fromisoformat(row["review_by"]),
    }


def service_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted((CATALOGUE_DIR / "services").glob("*.json")):
        rows.extend(json.loads(path.read_text(encoding="utf-8")))
    return rows


@transaction.atomic
def demo_catalogue_load() -> CatalogueResult:
    taxonomy = json.loads((CATALOGUE_DIR / "taxonomy.json").read_text(encoding="utf-8"))
    created = _taxonomy_load(Audience, taxonomy["audiences"])
    created += _taxonomy_load(Category, taxonomy["categories"])
    created += _taxonomy_load(LifeEvent, taxonomy["life_events"])

    rows = service_rows()
    for row in rows:
        _check(row)
    providers = {o.slug: o for o in Organisation.objects.all()}
    audiences = {a.slug: a for a in Audience.objects.all()}
    categories = {c.slug: c for c in Category.objects.all()}
    life_events = {e.slug: e for e in LifeEvent.objects.all()}
    existing = set(Service.objects.values_list("slug", flat=True))

    new_services: list[Service] = []
    new_rows: list[dict[str, Any]] = []
    for row in rows:
        if row["slug"] in existing:
            continue
        if row["provider"] not in providers:
            raise DemoDataError(f"{row['slug']}: unknown provider {row['provider']}")
        service = Service.objects.create(
            slug=row["slug"], **_service_fields(row, providers[row["provider"]])
        )
        service.audiences.set([audiences[slug] for slug in row["audiences"]])
        service.categories.set([categories[slug] for slug in row["categories"]])
        service.life_events.set([life_events[slug] for slug in row.get("life_events", [])])
        new_services.append(service)
        new_rows.append(row)

    by_slug = {
        s.slug: s
        for s in Service.objects.filter(
            slug__in={r2 for r in new_rows for r2 in r.get("related", [])}
        )
    }
    for service, row in zip(new_services, new_rows, strict=True):
        service.related.set([by_slug[slug] for slug in row.get("related", []) if slug in by_slug])

    services_reindex(
        Service.objects.filter(pk__in=[s.pk for s in new_services])
        .select_related("provider")
        .prefetch_related("categories")
    )
    if new_services:
        catalogue_changed()
    return CatalogueResult(created, len(new_services), Service.objects.count())
