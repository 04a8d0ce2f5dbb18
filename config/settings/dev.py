"""`make run`: the embedded SQLite database and mail printed to the console."""

from config.settings import base
from config.settings.layering import inherit

inherit(globals(), base)

DEBUG = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
