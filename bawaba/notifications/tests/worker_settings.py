"""Settings for a real Celery worker started by the notification integration
tests (and by the notifications benchmark): the test settings, but a Redis
broker, mail sent over SMTP, and retry timings short enough to watch.

The starting process sets DATABASE_URL, CELERY_BROKER_URL, EMAIL_HOST,
EMAIL_PORT and, when it wants other timings, NOTIFICATIONS_*.
"""

from config import env
from config.settings import base
from config.settings import test as _test
from config.settings.layering import inherit

inherit(globals(), _test)

CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = env.string("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.string("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env.integer("EMAIL_PORT", 8025)
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 2

NOTIFICATIONS = {
    **base.NOTIFICATIONS,
    "MAX_ATTEMPTS": env.integer("NOTIFICATIONS_MAX_ATTEMPTS", 1000),
    "RETRY_BASE_SECONDS": env.number("NOTIFICATIONS_RETRY_BASE_SECONDS", 0.2),
    "RETRY_MAX_SECONDS": env.number("NOTIFICATIONS_RETRY_MAX_SECONDS", 1.0),
    "SWEEP_AFTER_SECONDS": env.number("NOTIFICATIONS_SWEEP_AFTER_SECONDS", 1.0),
    "LEASE_SECONDS": env.number("NOTIFICATIONS_LEASE_SECONDS", 3.0),
}

# One line per message would drown the warnings that matter.
LOGGING = base.LOGGING | {"root": {"handlers": ["console"], "level": "WARNING"}}
