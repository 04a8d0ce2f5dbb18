"""Print search quality on the demo catalogue: `make bench-search`.

Loads the demo data into a fresh database (SQLite in memory by default; set
DATABASE_URL to measure PostgreSQL), runs bench/search/queries.json and prints
recall@3, MRR, the figures per kind of query, and the misses.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
warnings.filterwarnings("ignore", "No directory at")

import django  # noqa: E402  # the path and settings must be set first

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def main() -> None:
    setup_test_environment()
    if connection.vendor == "postgresql":
        from django.conf import settings
        from django.test.utils import get_runner

        runner = get_runner(settings)(verbosity=0)
        runner.setup_databases()
    else:
        call_command("migrate", verbosity=0)
    from bawaba.catalogue.evaluation import evaluate_demo_catalogue

    result, services = evaluate_demo_catalogue()
    print(f"database: {connection.vendor}, services: {services}, queries: {result.queries}")
    print(f"recall@3: {result.recall_at_3:.3f}")
    print(f"MRR:      {result.mrr:.3f}")
    print(f"results per query (mean): {result.mean_results:.1f}")
    for kind, recall in result.by_kind.items():
        print(f"  {kind:<18} recall@3 {recall:.3f}")
    for miss in result.misses:
        print(f"  miss: {miss['q']!r} expected {miss['expected']} got {miss['got']}")
    _time_a_long_query()


def _time_a_long_query() -> None:
    """The cost of the longest query anyone can send: fifty three-letter words
    (only the first MAX_QUERY_WORDS are searched)."""
    import time
    from itertools import islice, product

    from bawaba.catalogue.models import Service
    from bawaba.catalogue.search import MAX_QUERY_WORDS, service_search

    words = " ".join(
        "".join(letters) for letters in islice(product("bdfhk", "aeiou", "lmnrst"), 50)
    )
    started = time.perf_counter()
    service_search(words, Service.objects.published())
    elapsed = (time.perf_counter() - started) * 1000
    print(f"50 words (first {MAX_QUERY_WORDS} searched): {elapsed:.0f} ms")


if __name__ == "__main__":
    main()
