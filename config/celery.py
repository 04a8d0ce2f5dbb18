"""The Celery application: background and periodic work.

Workers and beat read the same Django settings as the web process (every
``CELERY_*`` setting). Start them with ``celery -A config worker`` and
``celery -A config beat``; ``make run`` starts one worker with beat embedded.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("bawaba")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
