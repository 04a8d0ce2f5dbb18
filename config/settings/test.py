"""The test suite: fast hashing, mail kept in memory, no HTTPS redirects."""

from config.settings import base
from config.settings.layering import inherit

inherit(globals(), base)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *base.PASSWORD_HASHERS]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
ALLOWED_HOSTS = ["*"]
# Tasks run inline; integration tests start a real worker on Redis instead.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
# Links in messages: one fixed address, whatever PORT or PORTAL_URL the shell has.
PORTAL_URL = "http://127.0.0.1:8000"
# Payments: the tests' merchant accounts on the sandbox gateway (conftest.py
# starts the sandbox as its own process and points PAYMENTS_SANDBOX_URL at it);
# without it, a closed port: the gateway is "down".
PAYMENTS_ACCOUNT_SECRETS = {"TEST-MERCHANT": "test-secret", "OTHER-MERCHANT": "other-secret"}
# The tests' billers on the sandbox (conftest.py's SANDBOX_BILLERS).
PAYMENTS_BILLER_SECRETS = {
    "ewa": "ewa-secret",
    "traffic": "traffic-secret",
    "telecom": "telecom-secret",
    "cooling": "cooling-secret",
}
PAYMENTS_BILLERS_URL = ""
PAYMENTS_SANDBOX_URL = "http://127.0.0.1:9"
PAYMENTS_GATEWAY_TIMEOUT_SECONDS = 5.0
