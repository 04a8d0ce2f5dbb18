"""`make run`: the embedded SQLite database and mail printed to the console."""

import json

from config.settings import base
from config.settings.layering import inherit

inherit(globals(), base)

DEBUG = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# Mail is written to files under var/mail/ (one file per message) to read.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = base.BASE_DIR / "var" / "mail"
# The demo providers' accounts on the sandbox gateway (make run starts it with
# the same secrets): sandbox-only secrets from demo/payments.json.
if not base.PAYMENTS_ACCOUNT_SECRETS:
    _DEMO_PAYMENTS = json.loads((base.BASE_DIR / "demo" / "payments.json").read_text("utf-8"))
    PAYMENTS_ACCOUNT_SECRETS = {
        account["merchant_id"]: account["secret"] for account in _DEMO_PAYMENTS["accounts"]
    }
if not base.PAYMENTS_BILLER_SECRETS:
    PAYMENTS_BILLER_SECRETS = {
        biller["code"]: biller["secret"]
        for biller in json.loads((base.BASE_DIR / "demo" / "payments.json").read_text("utf-8"))[
            "billers"
        ]
    }
