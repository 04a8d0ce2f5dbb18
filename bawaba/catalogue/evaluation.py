"""Search quality, measured: recall@k and mean reciprocal rank over a set of
queries with the services a person expects to find."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

QUERIES_PATH = Path(settings.BASE_DIR) / "bench" / "search" / "queries.json"


@dataclass
class Evaluation:
    queries: int = 0
    recall_at_3: float = 0.0
    mrr: float = 0.0
    misses: list[dict[str, Any]] = field(default_factory=list)
    by_kind: dict[str, float] = field(default_factory=dict)
    # How many results a query returns on average (the long tail).
    mean_results: float = 0.0


def evaluation_queries() -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = json.loads(QUERIES_PATH.read_text(encoding="utf-8"))
    return queries


def evaluate(search: Callable[[str], list[str]], queries: list[dict[str, Any]]) -> Evaluation:
    """``search`` returns every result's slug, best first. A query counts as
    found at rank r when any of its expected services is the r-th result."""
    hits = 0
    reciprocal = 0.0
    kinds: dict[str, list[int]] = {}
    misses = []
    returned = 0
    for item in queries:
        everything = search(item["q"])
        returned += len(everything)
        results = everything[:10]
        expected = set(item["expected"])
        rank = next((i + 1 for i, slug in enumerate(results) if slug in expected), None)
        found = rank is not None and rank <= 3
        hits += found
        reciprocal += 1 / rank if rank else 0.0
        kinds.setdefault(item.get("kind", "other"), []).append(int(found))
        if not found:
            misses.append({"q": item["q"], "expected": item["expected"], "got": results[:3]})
    count = len(queries)
    return Evaluation(
        queries=count,
        recall_at_3=hits / count if count else 0.0,
        mrr=reciprocal / count if count else 0.0,
        misses=misses,
        by_kind={kind: sum(v) / len(v) for kind, v in sorted(kinds.items())},
        mean_results=returned / count if count else 0.0,
    )


def evaluate_demo_catalogue() -> tuple[Evaluation, int]:
    """Load the demo data into the current database and evaluate search on it.

    Returns the evaluation and the number of services searched.
    """
    from bawaba.accounts.demo import demo_load
    from bawaba.catalogue.demo import demo_catalogue_load
    from bawaba.catalogue.models import Service
    from bawaba.catalogue.selectors import SearchFilters, service_search_published

    demo_load()
    demo_catalogue_load()
    slugs = dict(Service.objects.values_list("pk", "slug"))

    def search(query: str) -> list[str]:
        found = service_search_published(query=query, filters=SearchFilters())
        return [slugs[pk] for pk in found.ids]

    return evaluate(search, evaluation_queries()), len(slugs)
