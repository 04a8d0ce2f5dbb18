"""Settings shared by every environment. Values that vary come from config.env."""

from __future__ import annotations

from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from config import env

# Lets ModelAdmin[Model], QuerySet[Model] and friends be subscripted at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = env.BASE_DIR

SECRET_KEY = env.string("SECRET_KEY", "insecure-development-key-not-for-production")
DEBUG = False
ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS")

# How many reverse proxies in front of the application append to X-Forwarded-For.
# 0 means the peer address is the client's address. Everything reads the address
# through bawaba.core.net.client_ip (allauth too, through the account adapter).
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "django_countries",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "bawaba.core",
    "bawaba.accounts",
    "bawaba.catalogue",
    "bawaba.notifications",
    "bawaba.cases",
    "bawaba.payments",
    "bawaba.eservices",
    "bawaba.complaints",
    "bawaba.participation",
    "bawaba.participation.consultations",
    "bawaba.participation.forums",
    "bawaba.participation.blogs",
    "bawaba.participation.surveys",
]

MIDDLEWARE = [
    "bawaba.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous catalogue pages from the cache, before the session is read.
    "bawaba.catalogue.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before anything reads the request body (CSRF's check reads forms later).
    "bawaba.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "bawaba.accounts.middleware.StaffPathMiddleware",
    "bawaba.accounts.middleware.StaffSessionTimeoutMiddleware",
    "bawaba.accounts.middleware.StaffTwoStepMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "bawaba.core.context_processors.portal",
                "bawaba.notifications.context_processors.inbox",
            ],
        },
    },
]
FORM_RENDERER = "bawaba.core.forms.PortalFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env.string("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'bawaba.sqlite3'}"),
        conn_max_age=env.integer("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite allows one writer at a time. A transaction that reads first and
    # writes later ("deferred", the default) cannot wait for another writer
    # and fails at once with "database is locked"; one that takes the write
    # lock when it begins waits its turn (up to the timeout, in seconds).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # Covering indexes (the complaints figures' ``include`` columns) are a
    # PostgreSQL optimisation; SQLite builds them without those columns.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.string("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "bawaba.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "bawaba",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pieces of page that are the same for everyone in a language (the footer),
# kept in each process: they change only with a deployment, which restarts it.
TEMPLATE_FRAGMENTS_CACHE: dict[str, Any] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "bawaba-fragments",
    "TIMEOUT": 3600,
}
CACHES["template_fragments"] = TEMPLATE_FRAGMENTS_CACHE

AUTH_USER_MODEL = "accounts.User"
# allauth's backend alone (it extends Django's ModelBackend, permissions
# included): with both, a wrong password was hashed twice and an unknown email
# three times, against once for a right password, so the time taken told them
# apart (Argon2's defaults: 0.2–0.5 s per hash on a small shared machine).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST SP 800-63B-4 / OWASP ASVS 5 level 2: length and a block list, no composition
# rules and no forced rotation.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "bawaba.accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
# URL names, not paths: they resolve in the language of the page the person is on.
ACCOUNT_LOGOUT_REDIRECT_URL = "catalogue:home"

SITE_ID = 1

# django-allauth: sign-in by email and password, mandatory email verification.
ACCOUNT_ADAPTER = "bawaba.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "bawaba.accounts.forms.SignupForm",
    "login": "bawaba.accounts.forms.LoginForm",
    "reset_password": "bawaba.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "bawaba.accounts.forms.ResetPasswordKeyForm",
    "change_password": "bawaba.accounts.forms.ChangePasswordForm",
    "add_email": "bawaba.accounts.forms.AddEmailForm",
    "set_password": "bawaba.accounts.forms.SetPasswordForm",
    "reauthenticate": "bawaba.accounts.forms.ReauthenticateForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
# Confirming it is you again asks for the password (and the second step where
# it is set up), never only a code sent by email: allauth offers that too by
# default, on pages the portal does not show.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
ACCOUNT_RATE_LIMITS = {
    # Ten wrong passwords for one account lock it for fifteen minutes; a password
    # reset by email lifts the lock. The per-address limit is looser because many
    # people share one address behind a ministry's or an operator's gateway.
    "login_failed": "30/15m/ip,10/15m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_ADAPTER = "bawaba.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "bawaba.accounts.mfa_forms.AuthenticateForm",
    "reauthenticate": "bawaba.accounts.mfa_forms.ReauthenticateForm",
    "activate_totp": "bawaba.accounts.mfa_forms.ActivateTOTPForm",
}
MFA_RECOVERY_CODE_COUNT = 10

# Paths (after the language prefix) that only staff reach, and only after
# two-step verification.
STAFF_PATH_PREFIXES = ("staff/", "admin/")
# A staff session ends after this long without a request, and this long after
# sign-in in all (accounts.middleware.StaffSessionTimeoutMiddleware).
STAFF_SESSION_IDLE_SECONDS = env.integer("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env.integer("STAFF_SESSION_MAX_SECONDS", 10 * 3600)

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bahrain"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = BASE_DIR / "var" / "media"
# Applicants' documents: never served by the web server, only through the portal.
PRIVATE_FILES_ROOT = env.string("PRIVATE_FILES_ROOT") or str(BASE_DIR / "var" / "private")
# The largest file anyone can upload (e-service answers and replies to staff);
# a definition may set a lower limit for one question, never a higher one.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# An unfinished application is deleted this many days after it was last saved,
# after a warning a few days before.
APPLICATION_DRAFT_DAYS = env.integer("APPLICATION_DRAFT_DAYS", 30)
# How many working days after its closing a person may reopen their complaint.
COMPLAINTS_REOPEN_WORKING_DAYS = env.integer("COMPLAINTS_REOPEN_WORKING_DAYS", 10)
# Payments (bawaba.payments). The gateways this installation switches on: a
# provider's payment account (in the administration site) names one of them.
# "sandbox" is the test gateway of sandboxes/, which takes no money; production
# refuses it. With no gateway, fees are paid at the provider's counter.
PAYMENTS_GATEWAYS = env.string_list("PAYMENTS_GATEWAYS", ["sandbox"])
# Each merchant account's secret, by merchant id ("ID=secret,ID2=secret2"): it
# authenticates the portal's calls and signs the gateway's notifications.
PAYMENTS_ACCOUNT_SECRETS = dict(
    item.split("=", 1) for item in env.string_list("PAYMENTS_ACCOUNT_SECRETS") if "=" in item
)
# Where the sandbox gateway answers (make run starts it on the port after PORT).
PAYMENTS_SANDBOX_URL = env.string(
    "PAYMENTS_SANDBOX_URL", f"http://127.0.0.1:{env.integer('PORT', 8000) + 1}"
)
# The addresses of the gateways' hosted payment pages (scheme://host[:port]),
# which the browser is allowed to be sent to from a pay form.
PAYMENTS_CHECKOUT_ORIGINS = env.string_list("PAYMENTS_CHECKOUT_ORIGINS")
if "sandbox" in PAYMENTS_GATEWAYS:
    PAYMENTS_CHECKOUT_ORIGINS.append(PAYMENTS_SANDBOX_URL.rstrip("/"))
PAYMENTS_GATEWAY_TIMEOUT_SECONDS = env.number("PAYMENTS_GATEWAY_TIMEOUT_SECONDS", 10.0)
# Billers (bills and fines paid by reference): each biller's secret by its code
# ("ewa=secret,traffic=secret2"), and where the sandbox's billers answer (empty:
# where the sandbox gateway answers, PAYMENTS_SANDBOX_URL).
PAYMENTS_BILLER_SECRETS = dict(
    item.split("=", 1) for item in env.string_list("PAYMENTS_BILLER_SECRETS") if "=" in item
)
PAYMENTS_BILLERS_URL = env.string("PAYMENTS_BILLERS_URL", "")
# Telling a biller of a payment: tries before the notice is parked for staff, and
# the back-off between them (BASE * 2**(tries-1) seconds, at most MAX).
PAYMENTS_BILLER_MAX_ATTEMPTS = env.integer("PAYMENTS_BILLER_MAX_ATTEMPTS", 10)
PAYMENTS_BILLER_RETRY_BASE_SECONDS = env.number("PAYMENTS_BILLER_RETRY_BASE_SECONDS", 30.0)
PAYMENTS_BILLER_RETRY_MAX_SECONDS = env.number("PAYMENTS_BILLER_RETRY_MAX_SECONDS", 3600.0)
# A notification older or newer than this is refused (a replay, or a clock adrift).
PAYMENTS_NOTIFICATION_TOLERANCE_SECONDS = env.integer(
    "PAYMENTS_NOTIFICATION_TOLERANCE_SECONDS", 300
)
# A payment still open this long is settled by asking the gateway...
PAYMENTS_QUERY_AFTER_MINUTES = env.integer("PAYMENTS_QUERY_AFTER_MINUTES", 10)
# ...and expires when the gateway still has no outcome this long after it began.
PAYMENTS_EXPIRE_AFTER_MINUTES = env.integer("PAYMENTS_EXPIRE_AFTER_MINUTES", 90)
# Bills looked up but never paid are forgotten this many days later, and the
# owner's CPR number is cleared from fines paid that long ago.
PAYMENTS_BILL_LOOKUP_DAYS = env.integer("PAYMENTS_BILL_LOOKUP_DAYS", 7)
# A refund above this amount (fils) is confirmed by a second member of finance staff.
PAYMENTS_REFUND_SECOND_PERSON_FILS = env.integer("PAYMENTS_REFUND_SECOND_PERSON_FILS", 50_000)
# An application waiting for its fee expires this many days after it was sent,
# after a warning a few days before.
APPLICATION_UNPAID_DAYS = env.integer("APPLICATION_UNPAID_DAYS", 14)

# Taking part (bawaba.participation.posting): accounts younger than
# NEW_ACCOUNT_DAYS are pre-moderated, post less an hour and put fewer links in
# a post; everyone may change a post for EDIT_MINUTES after writing it.
PARTICIPATION = {
    "NEW_ACCOUNT_DAYS": env.integer("PARTICIPATION_NEW_ACCOUNT_DAYS", 7),
    "POSTS_PER_HOUR": env.integer("PARTICIPATION_POSTS_PER_HOUR", 20),
    "NEW_ACCOUNT_POSTS_PER_HOUR": env.integer("PARTICIPATION_NEW_ACCOUNT_POSTS_PER_HOUR", 5),
    "NEW_ACCOUNT_LINKS": env.integer("PARTICIPATION_NEW_ACCOUNT_LINKS", 1),
    "EDIT_MINUTES": env.integer("PARTICIPATION_EDIT_MINUTES", 15),
    # A post waiting or reported is decided on by the end of this working day.
    "MODERATION_DAYS": env.integer("PARTICIPATION_MODERATION_DAYS", 1),
}
MEDIA_URL = "/media/"
# The largest request body the portal reads, uploads included: larger ones get a
# 413 page before the body is read. Room for two of the largest documents a form
# accepts (10 MB) on one page.
REQUEST_MAX_BYTES = env.integer("REQUEST_MAX_BYTES", 21 * 1024 * 1024)
# Form fields other than files: at most this much in memory (Django's default).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploaded files above this size go to a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20

DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "Bawaba <no-reply@bawaba.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Security headers. Scripts only from our own origin; no inline script.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "bawaba.core.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The pay forms post to the portal, which sends the payer on to the
        # gateway's hosted page: browsers hold that redirect to form-action.
        "form-action": ["'self'", *PAYMENTS_CHECKOUT_ORIGINS],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# SMS: a provider from bawaba.notifications.sms.providers ("sandbox" records
# messages locally; "http" posts to a JSON gateway).
SMS_PROVIDER = env.string("SMS_PROVIDER", "sandbox")
SMS_HTTP_URL = env.string("SMS_HTTP_URL")
SMS_HTTP_TOKEN = env.string("SMS_HTTP_TOKEN")
SMS_HTTP_TIMEOUT_SECONDS = env.integer("SMS_HTTP_TIMEOUT_SECONDS", 10)
# The secret the gateway presents when it reports delivery; empty turns reports off.
SMS_REPORT_TOKEN = env.string("SMS_REPORT_TOKEN")

# Rendered catalogue pages are cached for anonymous visitors (bawaba.catalogue.cache).
CATALOGUE_PAGE_CACHE = env.boolean("CATALOGUE_PAGE_CACHE", True)

# Background work (Celery). Production uses Redis (REDIS_URL); `make run` uses a
# broker kept in files under var/ that needs no server.
CELERY_BROKER_URL = env.string("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _BROKER_FOLDER = BASE_DIR / "var" / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {
        "data_folder_in": str(_BROKER_FOLDER / "messages"),
        "data_folder_out": str(_BROKER_FOLDER / "messages"),
        "control_folder": str(_BROKER_FOLDER / "control"),
        "store_processed": False,
    }
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
else:
    # Redis hands an unacknowledged task to another worker after this long; it
    # must exceed the longest retry delay (NOTIFICATIONS_RETRY_MAX_SECONDS), or
    # a waiting retry is handed out twice (harmless, but wasted work).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": max(
            3 * 3600, 2 * env.number("NOTIFICATIONS_RETRY_MAX_SECONDS", 3600.0)
        )
    }
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged after it ran, so a worker that dies mid-task leaves it
# for another worker; tasks are written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# The web process must not hang when the broker is down: publishing gives up
# quickly and the outbox sweeper sends the task later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep-outbox": {
        "task": "bawaba.notifications.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    "eservices-expire-drafts": {
        "task": "bawaba.eservices.tasks.expire_drafts",
        "schedule": 3600.0,
    },
    "eservices-expire-unpaid": {
        "task": "bawaba.eservices.tasks.expire_unpaid",
        "schedule": 3600.0,
    },
    "eservices-issue-missing-documents": {
        "task": "bawaba.eservices.tasks.issue_missing_documents",
        "schedule": 300.0,
    },
    "payments-sweep": {
        "task": "bawaba.payments.tasks.sweep",
        "schedule": 120.0,
    },
    "payments-tell-billers": {
        "task": "bawaba.payments.tasks.tell_billers_due",
        "schedule": 30.0,
    },
    "payments-prune-bills": {
        "task": "bawaba.payments.tasks.prune_bills",
        "schedule": 86400.0,
    },
    "complaints-check-deadlines": {
        "task": "bawaba.complaints.tasks.check_deadlines",
        "schedule": 900.0,
    },
    "complaints-warm-report": {
        "task": "bawaba.complaints.tasks.warm_report",
        "schedule": 300.0,
    },
    "consultations-open-and-close": {
        "task": "bawaba.participation.consultations.tasks.open_and_close",
        "schedule": 300.0,
    },
}

# Notifications: how deliveries are retried and when the sweeper steps in.
NOTIFICATIONS = {
    # Attempts per delivery before it is parked in the dead-letter list.
    "MAX_ATTEMPTS": env.integer("NOTIFICATIONS_MAX_ATTEMPTS", 8),
    # Back-off: BASE * 2**(attempt-1) seconds, capped at MAX; the upper half is random.
    "RETRY_BASE_SECONDS": env.number("NOTIFICATIONS_RETRY_BASE_SECONDS", 30.0),
    "RETRY_MAX_SECONDS": env.number("NOTIFICATIONS_RETRY_MAX_SECONDS", 3600.0),
    # A delivery still waiting this long after it was due is dispatched again.
    "SWEEP_AFTER_SECONDS": env.number("NOTIFICATIONS_SWEEP_AFTER_SECONDS", 120.0),
    # A delivery claimed by a worker that has not finished within this time
    # is considered abandoned (the worker died) and is tried again.
    "LEASE_SECONDS": env.number("NOTIFICATIONS_LEASE_SECONDS", 300.0),
    # What one SMS part costs, in fils, for the template editor's estimate.
    "SMS_PART_COST_FILS": env.integer("NOTIFICATIONS_SMS_PART_COST_FILS", 15),
}
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT_SECONDS", 20)

# Whether `load_demo` may run. Production settings turn it off.
DEMO_DATA_ALLOWED = True

# The portal's public address, for links in emails, text messages and issued
# documents' QR codes. Unset in development: the address `make run` serves on
# (its PORT). Production requires it (production.py).
_DEVELOPMENT_PORT = env.integer("PORT", 8000)
PORTAL_URL = env.string("PORTAL_URL").rstrip("/") or f"http://127.0.0.1:{_DEVELOPMENT_PORT}"

PORTAL = {
    "CONTACT_CENTRE_NUMBER": "80008001",
    "CONTACT_CENTRE_INTERNATIONAL": "+973 80008001",
}

LOG_FORMAT = env.string("LOG_FORMAT", "text")
LOG_LEVEL = env.string("LOG_LEVEL", "INFO")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "bawaba.core.logging.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Our request middleware writes one line per request; Django's own
        # request logger would repeat 4xx lines with the full path.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
        # PDF rendering reports every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bawaba open data API",
    "DESCRIPTION": "The service catalogue of the national e-Government portal, in both languages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}
