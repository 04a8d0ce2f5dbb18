"""Compile locale/*/LC_MESSAGES/django.po into .mo files in pure Python.

Django's compilemessages needs GNU gettext's msgfmt, which a fresh machine does
not have; the compiled catalogue is committed, and this keeps it in step.
"""

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po to .mo) without GNU gettext."

    def handle(self, *args: Any, **options: Any) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"Compiled {po_path.relative_to(settings.BASE_DIR)}")
