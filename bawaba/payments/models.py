"""Payments in Bahraini dinars (integers of fils), the gateway accounts they
are taken through, their append-only history, refunds, and the signed
notifications gateways send."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.models import Organisation
from bawaba.cases.models import AppendOnlyEvent
from bawaba.catalogue.models import Service
from bawaba.core.models import TimeStampedModel
from bawaba.payments.constants import (
    CURRENCY,
    OPEN_STATES,
    PAID_STATES,
    BillerKind,
    Channel,
    PaymentState,
    RefundState,
    Source,
)


class ProviderAccount(TimeStampedModel):
    """A provider's merchant account with one payment gateway. The gateway is
    chosen here, in the administration site; its secret (which signs the
    gateway's notifications and authenticates the portal's calls) is never
    stored: it comes from the environment (``PAYMENTS_ACCOUNT_SECRETS``), by
    merchant id."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="payment_accounts",
    )
    gateway = models.CharField(_("payment gateway"), max_length=40)
    merchant_id = models.CharField(_("merchant id"), max_length=64)
    is_active = models.BooleanField(_("takes payments"), default=True)

    class Meta:
        verbose_name = _("payment account")
        verbose_name_plural = _("payment accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "merchant_id"], name="payments_account_merchant_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_active=True),
                name="payments_account_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.gateway} · {self.merchant_id}"

    @property
    def secret(self) -> str:
        secret: str = settings.PAYMENTS_ACCOUNT_SECRETS.get(self.merchant_id, "")
        return secret


class Payment(models.Model):
    """One attempt to pay one payable (an application's fee, a bill, a fine).
    A payable may have several attempts; at most one is open at a time, and
    the gateway's outcome decides each. Amounts are integers of fils."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("payment reference"), max_length=20, unique=True)
    # Creating a payment again with the same key gives the same payment.
    idempotency_key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(_("what is paid"), max_length=30)
    payable_id = models.CharField(max_length=64)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    account = models.ForeignKey(
        ProviderAccount,
        verbose_name=_("payment account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    # Where a payer who did not sign in is sent the receipt (optional).
    payer_email = models.EmailField(_("payer's email address"), blank=True)
    description_ar = models.CharField(max_length=300)
    description_en = models.CharField(max_length=300)
    amount_fils = models.PositiveIntegerField(_("amount (fils)"))
    currency = models.CharField(_("currency"), max_length=3, default=CURRENCY)
    state = models.CharField(
        _("state"), max_length=20, choices=PaymentState.choices, default=PaymentState.CREATED
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    language = models.CharField(_("language"), max_length=2, default="ar")
    gateway = models.CharField(_("payment gateway"), max_length=40, blank=True)
    checkout_id = models.CharField(_("gateway checkout id"), max_length=100, blank=True)
    # The gateway's hosted page for this payment: a second click goes back to it.
    checkout_url = models.URLField(max_length=500, blank=True)
    # The page the payer paid from, to go back to (a path on the portal).
    return_path = models.CharField(max_length=300, blank=True)
    # The gateway's transaction id, or the receipt number of a counter payment.
    transaction_id = models.CharField(_("transaction id"), max_length=100, blank=True)
    fee_fils = models.PositiveIntegerField(_("gateway fee (fils)"), null=True, blank=True)
    failure_reason = models.CharField(_("why it failed"), max_length=40, blank=True)
    refunded_fils = models.PositiveIntegerField(_("refunded (fils)"), default=0)
    # Money was taken for something that no longer wanted it (a late
    # confirmation, a second attempt, a withdrawn application): refund it.
    needs_refund = models.BooleanField(_("to be refunded"), default=False)
    receipt_code = models.CharField(
        _("receipt verification code"), max_length=14, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    succeeded_at = models.DateTimeField(_("paid"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        constraints = [
            # Double clicks and two tabs: one open attempt per payable.
            models.UniqueConstraint(
                fields=["kind", "payable_id"],
                condition=Q(state__in=OPEN_STATES),
                name="payments_one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(refunded_fils__lte=F("amount_fils")),
                name="payments_refund_within_amount",
            ),
            models.CheckConstraint(condition=Q(amount_fils__gt=0), name="payments_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["payer", "-created_at"], name="payment_mine"),
            models.Index(fields=["kind", "payable_id"], name="payment_payable"),
            # Finance staff's list: their organisation's payments, newest first.
            models.Index(fields=["organisation", "-created_at"], name="payment_finance"),
            models.Index(
                fields=["organisation", "state", "-created_at"], name="payment_finance_state"
            ),
            # Finance staff's search by the gateway's transaction id or receipt number.
            models.Index(fields=["transaction_id"], name="payment_transaction"),
            # Finance staff's "to be refunded" list.
            models.Index(
                fields=["organisation", "-created_at"],
                condition=Q(needs_refund=True),
                name="payment_to_refund",
            ),
            # The day's reconciliation of one account.
            models.Index(fields=["account", "succeeded_at"], name="payment_settled"),
            # The sweeper's open payments by age.
            models.Index(
                fields=["created_at"], condition=Q(state__in=OPEN_STATES), name="payment_open"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def description(self) -> str:
        return self.description_ar if get_language() == "ar" else self.description_en

    @property
    def paid(self) -> bool:
        return self.state in PAID_STATES

    @property
    def refundable_fils(self) -> int:
        return self.amount_fils - self.refunded_fils if self.paid else 0


class PaymentEvent(AppendOnlyEvent):
    """One change to a payment, with where the news came from and what the
    gateway said (never a card number: the portal never sees one)."""

    changed_refusal: ClassVar[str] = "A payment's history cannot be changed."
    deleted_refusal: ClassVar[str] = "A payment's history cannot be deleted."

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="events")
    state = models.CharField(_("state after"), max_length=20, choices=PaymentState.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["payment", "created_at"], name="payment_event_history")]


class Refund(models.Model):
    """Money given back on a payment, in full or in part. Above
    ``PAYMENTS_REFUND_SECOND_PERSON_FILS`` a second member of the provider's
    finance staff confirms it before the gateway is asked."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount_fils = models.PositiveIntegerField(_("amount (fils)"))
    reason = models.TextField(_("reason"))
    state = models.CharField(_("state"), max_length=30, choices=RefundState.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gateway_refund_id = models.CharField(max_length=100, blank=True)
    failure = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    completed_at = models.DateTimeField(_("refunded"), null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_fils__gt=0), name="payments_refund_positive"),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("requested_by")),
                name="payments_refund_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment.reference} −{self.amount_fils}"


class GatewayNotification(models.Model):
    """A notification a gateway sent and the portal verified. Its delivery id
    is unique per account: the same notification again is a duplicate and
    changes nothing."""

    account = models.ForeignKey(ProviderAccount, on_delete=models.PROTECT, related_name="+")
    delivery_id = models.CharField(max_length=100)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(default=timezone.now)
    body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "delivery_id"], name="payments_notification_once"
            )
        ]

    def __str__(self) -> str:
        return self.delivery_id


class Biller(TimeStampedModel):
    """Someone who sends people bills or fines (a utility, the traffic
    directorate, a telecom operator), paid on the portal by reference. Its
    adapter (``billers/``) and its code there say how the portal reaches it;
    its provider's payment account takes the money."""

    code = models.SlugField(_("biller code"), max_length=40, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="billers"
    )
    adapter = models.CharField(_("adapter"), max_length=40, default="sandbox")
    kind = models.CharField(
        _("what it sends"), max_length=10, choices=BillerKind.choices, default=BillerKind.BILL
    )
    # A fine is found only with its owner's CPR number (nobody can look up another's).
    owner_cpr_required = models.BooleanField(_("the owner's CPR number is needed"), default=False)
    service = models.ForeignKey(
        Service,
        verbose_name=_("catalogue service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Its page gets a “Pay now” button."),
    )
    is_active = models.BooleanField(_("takes payments"), default=True)

    class Meta:
        verbose_name = _("biller")
        verbose_name_plural = _("billers")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} · {self.organisation}"


class Bill(models.Model):
    """A bill or fine as a biller gave it when someone looked it up to pay
    it. Its id is the payable id; what is owed is asked of the biller again
    when the payment starts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    biller = models.ForeignKey(Biller, on_delete=models.PROTECT, related_name="bills")
    reference = models.CharField(_("reference"), max_length=64)
    # Only for a biller that finds its fines with the owner's CPR number.
    owner_cpr = models.CharField(_("owner's CPR number"), max_length=9, blank=True)
    holder = models.CharField(_("holder"), max_length=200, blank=True)
    amount_fils = models.PositiveIntegerField(_("amount (fils)"))
    items = models.JSONField(_("items"), default=list, blank=True)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("looked up"), default=timezone.now)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["biller", "reference"], name="bill_reference")]

    def __str__(self) -> str:
        return f"{self.biller.code} {self.reference}"


class BillerNotice(models.Model):
    """Telling a biller that one of its bills was paid, tried until the
    biller acknowledges it. After ``PAYMENTS_BILLER_MAX_ATTEMPTS`` tries (or
    a refusal) it is dead: kept for staff, who may try it again."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="biller_notice")
    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="notices")
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledgement = models.CharField(_("biller's acknowledgement"), max_length=100, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    dead_at = models.DateTimeField(_("given up"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("notice to a biller")
        verbose_name_plural = _("notices to billers")
        ordering = ["-created_at"]
        indexes = [
            # The re-drive's due notices.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(acknowledged_at__isnull=True, dead_at__isnull=True),
                name="biller_notice_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.bill} · {self.payment.reference}"

    @property
    def pending(self) -> bool:
        return self.acknowledged_at is None and self.dead_at is None
