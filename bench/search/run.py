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
    for kind, recall in result.by_kind.items():
        print(f"  {kind:<18} recall@3 {recall:.3f}")
    for miss in result.misses:
        print(f"  miss: {miss['q']!r} expected {miss['expected']} got {miss['got']}")


if __name__ == "__main__":
    main()
