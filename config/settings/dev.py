"""`make run`: the embedded SQLite database and mail printed to the console."""

from config.settings import base
from config.settings.layering import inherit

inherit(globals(), base)

DEBUG = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# Mail is written to files under var/mail/ (one file per message) to read.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = base.BASE_DIR / "var" / "mail"
