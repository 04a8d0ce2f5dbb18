"""Production: PostgreSQL, Redis, TLS at the proxy, JSON logs, no demo data."""

import logging

from config import env
from config.settings import base
from config.settings.layering import inherit

inherit(globals(), base)
SECRET_KEY = base.SECRET_KEY

_INSECURE_PREFIXES = ("insecure", "django-insecure", "change-me")
if not SECRET_KEY or SECRET_KEY.startswith(_INSECURE_PREFIXES) or len(SECRET_KEY) < 50:
    raise env.ImproperlyConfiguredEnv(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

DEBUG = False
DEMO_DATA_ALLOWED = False
ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise env.ImproperlyConfiguredEnv("ALLOWED_HOSTS must list the portal's host names.")
# Links in emails, text messages and issued documents' QR codes point here; a
# development default would send people to a machine of their own.
PORTAL_URL = env.string("PORTAL_URL").rstrip("/")
if not PORTAL_URL.startswith("https://"):
    raise env.ImproperlyConfiguredEnv(
        "PORTAL_URL must be set to the portal's public https:// address in production."
    )
if base.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    raise env.ImproperlyConfiguredEnv("REDIS_URL must be set in production.")
if base.CELERY_BROKER_URL.startswith(("filesystem://", "memory://")):
    raise env.ImproperlyConfiguredEnv(
        "CELERY_BROKER_URL must name a broker server (Redis or RabbitMQ) in production."
    )
# The sandbox gateway would let anyone "pay" without money. Until a bank's
# gateway is connected, fees are paid at the provider's counter.
PAYMENTS_GATEWAYS = env.string_list("PAYMENTS_GATEWAYS", [])
if "sandbox" in PAYMENTS_GATEWAYS:
    raise env.ImproperlyConfiguredEnv(
        "PAYMENTS_GATEWAYS may not include sandbox in production: it takes no money."
    )

if base.TRUSTED_PROXY_COUNT == 0:
    # Production runs behind a proxy (docs/deployment.md); with 0, everyone
    # would share the proxy's address in rate limits and the audit log.
    logging.getLogger("config.settings").warning(
        "TRUSTED_PROXY_COUNT is 0: the portal trusts no proxy's X-Forwarded-For. Behind a "
        "proxy, set it to the number of proxies, or every person shares one address."
    )

# Keep database connections open between requests (checked before reuse).
DATABASES = {
    "default": {
        **base.DATABASES["default"],
        "CONN_MAX_AGE": env.integer("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }
}

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", True)
# /healthz and /readyz are probed over plain HTTP by the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.string("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.string("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", True)

LOG_FORMAT = "json"
LOGGING = base.LOGGING | {
    "handlers": {"console": base.LOGGING["handlers"]["console"] | {"formatter": "json"}}
}
