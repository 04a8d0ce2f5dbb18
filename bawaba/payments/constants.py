"""The states of a payment and where news of one came from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CURRENCY = "BHD"  # ISO 4217 048: the only currency the portal takes


class PaymentState(models.TextChoices):
    CREATED = "created", pgettext_lazy("payment state", "Started")
    IN_PROGRESS = "in_progress", pgettext_lazy("payment state", "In progress")
    SUCCEEDED = "succeeded", pgettext_lazy("payment state", "Paid")
    FAILED = "failed", pgettext_lazy("payment state", "Not paid")
    CANCELLED = "cancelled", pgettext_lazy("payment state", "Cancelled")
    EXPIRED = "expired", pgettext_lazy("payment state", "Expired")
    PARTLY_REFUNDED = "partly_refunded", pgettext_lazy("payment state", "Partly refunded")
    REFUNDED = "refunded", pgettext_lazy("payment state", "Refunded")


# Still waiting for the gateway's outcome: at most one such attempt per payable.
OPEN_STATES = (PaymentState.CREATED, PaymentState.IN_PROGRESS)
# Money was taken (and perhaps some given back): these have a receipt.
PAID_STATES = (PaymentState.SUCCEEDED, PaymentState.PARTLY_REFUNDED, PaymentState.REFUNDED)


class Source(models.TextChoices):
    """Where the news that changed a payment came from: nothing the browser
    says is trusted alone, so every row names its source."""

    PORTAL = "portal", _("The portal")
    BROWSER = "browser", _("The payer's return from the gateway")
    NOTIFICATION = "notification", _("The gateway's notification")
    QUERY = "query", _("A status query to the gateway")
    STAFF = "staff", _("Staff")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the provider's counter")


class FailureReason(models.TextChoices):
    DECLINED = "declined", _("The bank declined the card.")
    INSUFFICIENT_FUNDS = "insufficient_funds", _("There was not enough money on the card.")
    AUTHENTICATION_FAILED = (
        "authentication_failed",
        _("The bank's security check (3-D Secure) was not passed."),
    )
    TIMEOUT = "timeout", _("The bank did not answer in time.")
    CANCELLED = "cancelled", _("The payment was cancelled on the payment page.")
    OTHER = "other", _("The payment did not go through.")


class RefundState(models.TextChoices):
    # Above the second-person amount, a refund waits for a colleague.
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Waiting for a second person")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Refund failed")
    CANCELLED = "cancelled", _("Cancelled")


class BillerKind(models.TextChoices):
    BILL = "bill", _("Bills")
    FINE = "fine", _("Fines")
