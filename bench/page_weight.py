"""Measure what a first visit to the main pages downloads, fonts counted apart.

Run with `make bench-pages`. Uses the test settings and an in-memory database;
figures go into docs/benchmarks.md by hand, with the date and commit.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

import django  # the path and settings must be set first

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAGES = [
    "/ar/",
    "/en/",
    "/ar/services/renew-passport/",
    "/ar/search/?q=visa",
    "/ar/accounts/signup/",
    "/ar/commitments/",
    "/ar/contact/message/",
]
# Pages of a signed-in person (the demo citizen).
SIGNED_IN_PAGES = ["/ar/accounts/dashboard/"]


def main() -> None:
    warnings.filterwarnings("ignore", "No directory at")  # static files come from the finders
    logging.getLogger("bawaba.request").setLevel(logging.WARNING)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    # Pages as a visitor sees them: with the demo catalogue in place.
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_participation", stdout=io.StringIO())
    client = Client()
    citizen = Client()
    citizen.force_login(get_user_model().objects.get(email="citizen@bawaba.example"))
    print(f"{'page':<32}{'HTML':>9}{'CSS+JS+img':>12}{'fonts':>9}{'total w/o fonts':>17}")
    visits = [(client, path) for path in PAGES] + [(citizen, path) for path in SIGNED_IN_PAGES]
    for visitor, path in visits:
        html = visitor.get(path).content
        assets = fonts = 0
        urls = set(re.findall(rb'(?:src|href)="/static/([^"#]+)', html))  # icons.svg#name
        for url in urls:
            found = finders.find(url.decode())
            size = Path(found).stat().st_size if found else 0
            if url.startswith(b"fonts/"):
                fonts += size
            else:
                assets += size
        print(f"{path:<32}{len(html):>9,}{assets:>12,}{fonts:>9,}{len(html) + assets:>17,}")


if __name__ == "__main__":
    main()
