"""The test suite: fast hashing, mail kept in memory, no HTTPS redirects."""

from config.settings import base
from config.settings.layering import inherit

inherit(globals(), base)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *base.PASSWORD_HASHERS]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
ALLOWED_HOSTS = ["*"]
