"""Benchmark settings: production behaviour (DEBUG off, Redis cache, PostgreSQL)
without TLS redirects. Never used outside bench/ (the ceiling has its own,
``ceiling_settings.py``)."""

import warnings

from config import env
from config.settings import base
from config.settings.layering import inherit

inherit(globals(), base)
# Static files come from the finders; there is no collected directory here.
warnings.filterwarnings("ignore", "No directory at")

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
REDIS_URL = env.string("REDIS_URL", "redis://127.0.0.1:6379/14")
CACHES = {
    "default": {
        "BACKEND": "bawaba.core.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "bawaba-bench",
    },
    "template_fragments": base.TEMPLATE_FRAGMENTS_CACHE,
}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
# As in production: connections are kept between requests.
DATABASES = {
    "default": {
        **base.DATABASES["default"],
        "CONN_MAX_AGE": env.integer("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }
}
CATALOGUE_PAGE_CACHE = env.boolean("CATALOGUE_PAGE_CACHE", True)
# All the load comes from one address: the per-address search limit is still
# counted on every search, but never reached.
CATALOGUE_RATE_LIMITS = {"search": "100000000/m/ip"}
LOG_LEVEL = "WARNING"
LOGGING = base.LOGGING | {"root": {"handlers": ["console"], "level": "WARNING"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
