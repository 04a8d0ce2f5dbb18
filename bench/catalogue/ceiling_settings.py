"""The framework's ceiling, served by its own gunicorn beside the portal's: a
bare Django view returning the bytes captured from a real page, through
Django's security and common middleware only (no sessions, locale, auth,
portal middleware or database). Never used outside bench/."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "bench-ceiling-only"  # noqa: S105  # serves captured bytes, signs nothing
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "bench.catalogue.ceiling_urls"
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True
LOGGING_CONFIG = None
