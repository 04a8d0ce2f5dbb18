from django.db import models
from django.utils.translation import gettext_lazy as _


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    MAINTENANCE = "maintenance", _("Under maintenance")
    DOWN = "down", _("Not available")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")


# Weights of the places a search term comes from.
TERM_WEIGHT_TITLE = 10
TERM_WEIGHT_KEYWORD = 8
TERM_WEIGHT_SUMMARY = 3
TERM_WEIGHT_TAXONOMY = 2
TERM_WEIGHT_BODY = 1
