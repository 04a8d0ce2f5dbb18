"""The payment step of an application with a fee, and the application fee
as a payable kind of the payments app.

Sending an application whose fee is more than nothing leaves it *waiting for
payment*: the provider's staff see it but cannot take it, and its processing
time has not started. It moves on in one place only, ``payment_record``,
called back by the payments app (``ApplicationFees.paid``) when a payment
succeeds:

- online, when the gateway confirms a payment (the ``pay`` move);
- at the provider's counter, when staff record the receipt number
  (``cases.case_act(move="record_payment")`` → ``payments.actions.
  payment_record_counter``): the ``record_payment`` move.

Either way the amount must be the fee computed on the server, the processing
time starts from the payment, and the applicant gets the acknowledgement with
the date of the decision. A payment for an application that no longer waits
for one (withdrawn, expired, or already paid) is declined here, and the
payments app keeps it and flags it for a refund.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.cases.actions import case_lock
from bawaba.core.audit import audit_record
from bawaba.eservices.actions import (
    application_move,
    date_in_both_languages,
    due_on_from,
    in_both_languages,
    money_in_both_languages,
    move_target,
    tell_applicant,
    tell_applicant_received,
)
from bawaba.eservices.errors import CaseError, EServiceError
from bawaba.eservices.models import Application, ApplicationState
from bawaba.payments.constants import PAID_STATES
from bawaba.payments.models import Payment
from bawaba.payments.payables import Payable, payable_kind_register
from bawaba.payments.selectors import payments_for_payable

KIND = "application"


class PaymentError(EServiceError):
    code = "eservices.payment"


# The move of workflow.MOVES each way of paying makes.
_MOVE_BY_CHANNEL = {"online": "pay", "counter": "record_payment"}


def payment_record(
    application: Application,
    *,
    amount_fils: int,
    reference: str,
    actor: User | None,
    channel: str,
    request: HttpRequest | None = None,
) -> Application:
    """Mark a locked application paid and hand it to the provider."""
    move = _MOVE_BY_CHANNEL[channel]
    try:
        move_target(application, move)
    except CaseError as error:
        raise PaymentError(
            _("This application is not waiting for a payment."), code="eservices.payment.state"
        ) from error
    if amount_fils != application.fee_fils:
        raise PaymentError(
            _("The amount paid is not the fee of this application."),
            code="eservices.payment.amount",
        )
    now = timezone.now()
    due_on = due_on_from(application, now)
    application.due_on = due_on
    application_move(
        application,
        move,
        actor,
        message=in_both_languages(
            lambda: _("Fee paid, reference %(reference)s.") % {"reference": reference}
        ),
    )
    audit_record(
        action="eservices.application.paid",
        request=request,
        actor=actor,
        data={"application": str(application.pk), "amount_fils": amount_fils, "channel": channel},
    )
    tell_applicant_received(application, due_on)
    return application


def application_payment(application: Application) -> Payment | None:
    """The payment that paid the application's fee, if there is one."""
    return (
        payments_for_payable(KIND, str(application.pk))
        .filter(state__in=PAID_STATES, needs_refund=False)
        .first()
    )


class ApplicationFees:
    """The application fee as a payable kind: what is owed is the fee worked
    out when the application was sent, by its applicant, to its provider."""

    code = KIND

    def get(self, payable_id: str) -> Payable | None:
        try:
            pk = uuid.UUID(str(payable_id))
        except ValueError:
            return None
        application = (
            Application.objects.select_related("definition__eservice__service")
            .filter(pk=pk, state=ApplicationState.AWAITING_PAYMENT)
            .first()
        )
        if application is None or application.fee_fils <= 0:
            return None
        service = application.definition.eservice.service
        description = {}
        for language in ("ar", "en"):
            with translation.override(language):
                description[language] = _("Fee for application %(reference)s: %(service)s") % {
                    "reference": application.reference,
                    "service": service.title,
                }
        with translation.override(application.language):
            back = reverse("eservices:application", kwargs={"application_id": application.pk})
        return Payable(
            kind=KIND,
            id=str(application.pk),
            amount_fils=application.fee_fils,
            organisation_id=application.organisation_id,
            description=description,
            payer_id=application.applicant_id,
            return_path=back,
        )

    def paid(self, payment: Payment, actor: Any) -> bool:
        application = case_lock(
            Application.objects.select_related("definition__eservice__service", "applicant"),
            pk=payment.payable_id,
        )
        if (
            application.state != ApplicationState.AWAITING_PAYMENT
            or application.fee_fils != payment.amount_fils
        ):
            return False
        payment_record(
            application,
            amount_fils=payment.amount_fils,
            reference=payment.reference,
            actor=actor,
            channel=payment.channel,
        )
        return True

    def refunded(self, payment: Payment, amount_fils: int) -> None:
        """A refund changes nothing in the application; its history keeps the
        payment and the person is told by the payments app."""


def register_payables() -> None:
    payable_kind_register(ApplicationFees())


UNPAID_WARNING_DAYS = 3


def unpaid_expire(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Warn the applicants of applications still waiting for their fee a few
    days before they expire, and expire those waiting for longer than
    ``APPLICATION_UNPAID_DAYS`` since they were sent (a payment that still
    arrives after that is recorded and flagged for a refund). Returns
    (warned, expired)."""
    now = now or timezone.now()
    keep = datetime.timedelta(days=settings.APPLICATION_UNPAID_DAYS)
    warn_after = keep - datetime.timedelta(days=UNPAID_WARNING_DAYS)
    waiting = Application.objects.filter(state=ApplicationState.AWAITING_PAYMENT)
    expired = 0
    for pk in waiting.filter(submitted_at__lt=now - keep).values_list("pk", flat=True):
        with transaction.atomic():
            application = case_lock(
                Application.objects.select_related("definition__eservice__service", "applicant"),
                pk=pk,
            )
            if application.state != ApplicationState.AWAITING_PAYMENT:
                continue
            application_move(application, "expire_unpaid", None)
            tell_applicant(
                application,
                "application.status_changed",
                "unpaid_expired",
                {"status": in_both_languages(lambda: str(ApplicationState.EXPIRED.label))},
            )
        expired += 1
    warned = 0
    to_warn = waiting.filter(
        submitted_at__lt=now - warn_after,
        submitted_at__gte=now - keep,
        expiry_warned_at__isnull=True,
    ).select_related("definition__eservice__service", "applicant")
    for application in to_warn:
        sent = application.submitted_at or now
        expires = timezone.localdate(sent + keep)
        with transaction.atomic():
            Application.objects.filter(pk=application.pk).update(expiry_warned_at=now)
            tell_applicant(
                application,
                "application.payment_expiring",
                "payment_expiring",
                {
                    "expires": date_in_both_languages(expires),
                    "amount": money_in_both_languages(application.fee_fils),
                },
            )
        warned += 1
    return warned, expired
