"""Settings of the payments benchmark's processes (the portal under gunicorn,
the Celery workers and the benchmark itself): production behaviour (DEBUG off,
Redis cache and sessions, persistent PostgreSQL connections, Celery on Redis)
without TLS redirects; mail goes nowhere. Never used outside bench/.

The benchmark sets DATABASE_URL, CELERY_BROKER_URL, PORTAL_URL,
PAYMENTS_SANDBOX_URL and BENCH_MERCHANT_SECRET (the sandbox merchant BENCH)."""

import warnings

from config import env
from config.settings import base
from config.settings.layering import inherit

inherit(globals(), base)
# Static files come from the finders; there is no collected directory here.
warnings.filterwarnings("ignore", "No directory at")

DEBUG = False
# "testserver": the benchmark's own in-process profile uses Django's test client.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
REDIS_URL = env.string("CELERY_BROKER_URL", "redis://127.0.0.1:6379/11")
CACHES = {
    "default": {
        "BACKEND": "bawaba.core.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "bawaba-bench-payments",
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
DATABASES = {
    "default": {
        **base.DATABASES["default"],
        "CONN_MAX_AGE": env.integer("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }
}
CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
PAYMENTS_GATEWAYS = ["sandbox"]
PAYMENTS_ACCOUNT_SECRETS = {"BENCH": env.string("BENCH_MERCHANT_SECRET", "bench-secret")}
LOG_LEVEL = "WARNING"
# One line per request or task would drown the figures.
LOGGING = base.LOGGING | {"root": {"handlers": ["console"], "level": "WARNING"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
