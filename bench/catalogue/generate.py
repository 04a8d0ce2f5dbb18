"""Fill the benchmark database with a catalogue of N services (default 10,000).

The demo catalogue is loaded, then copied with numbered variations until the
catalogue holds N published services, all indexed for search.
Usage: DATABASE_URL=postgres://… python bench/catalogue/generate.py [N]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.catalogue.settings")

import django  # the path and settings must be set first

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bawaba.accounts.demo import demo_load  # noqa: E402
from bawaba.catalogue.cache import catalogue_changed  # noqa: E402
from bawaba.catalogue.demo import demo_catalogue_load  # noqa: E402
from bawaba.catalogue.models import Service  # noqa: E402
from bawaba.catalogue.search import services_reindex  # noqa: E402

BATCH = 500


def main(target: int) -> None:
    call_command("migrate", verbosity=0)
    demo_load()
    demo_catalogue_load()
    originals = list(Service.objects.prefetch_related("audiences", "categories", "life_events"))
    count = Service.objects.count()
    # Numbering continues from what is there, so a second run only tops up.
    copy = count
    while count < target:
        batch = []
        with transaction.atomic():
            for original in originals:
                if count >= target:
                    break
                copy += 1
                clone = Service.objects.get(pk=original.pk)
                clone.pk = None
                clone.slug = f"{original.slug}-{copy}"[:100]
                clone.title_en = f"{original.title_en} ({copy})"
                clone.title_ar = f"{original.title_ar} ({copy})"
                clone.popularity = max(0, original.popularity - copy)
                clone.save()
                clone.audiences.set(original.audiences.all())
                clone.categories.set(original.categories.all())
                clone.life_events.set(original.life_events.all())
                batch.append(clone.pk)
                count += 1
            services_reindex(
                Service.objects.filter(pk__in=batch)
                .select_related("provider")
                .prefetch_related("categories")
            )
        print(f"{count} services", flush=True)
    catalogue_changed()
    # As autovacuum would in a while: fresh planner statistics, and the
    # trigram index's pending entries merged (until then it is not used).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
