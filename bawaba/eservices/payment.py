"""The payment step of an application with a fee.

Sending an application whose fee is more than nothing leaves it *waiting for
payment*: the provider's staff see it but cannot take it, and its processing
time has not started. It moves on in one place only, ``payment_record``:

- online, when the payment gateway confirms a payment (``application_paid``,
  called by the gateway's return or notification handler): the ``pay`` move;
- at the provider's counter, when staff record the receipt number
  (``cases.case_act(move="record_payment")``).

Both moves are rows of ``workflow.MOVES`` and go through
``actions.application_move``.

Either way the amount must be the fee computed on the server, the processing
time starts from the payment, and the applicant gets the acknowledgement with
the date of the decision.

Gateways sit behind ``PaymentGateway``. ``sandbox`` is a test gateway inside
the portal (no money moves) for development, tests and demonstrations;
production refuses it. With no gateway configured, applicants are told to pay
at the provider's counter.
"""

from __future__ import annotations

import secrets
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.cases.actions import case_lock
from bawaba.core.audit import audit_record
from bawaba.eservices.actions import (
    application_move,
    due_on_from,
    in_both_languages,
    move_target,
    tell_applicant_received,
)
from bawaba.eservices.errors import CaseError, EServiceError
from bawaba.eservices.models import Application


class PaymentError(EServiceError):
    code = "eservices.payment"


class PaymentGateway(Protocol):
    """Where the applicant goes to pay; the gateway confirms the payment by
    calling ``application_paid`` with its own transaction reference."""

    def checkout_url(self, application: Application) -> str: ...


class SandboxGateway:
    """A test gateway inside the portal: a page that pays or declines at a
    click, and no money moves."""

    def checkout_url(self, application: Application) -> str:
        return reverse("eservices:pay_sandbox", kwargs={"application_id": application.pk})

    @staticmethod
    def transaction_reference() -> str:
        return f"SANDBOX-{secrets.token_hex(6).upper()}"


GATEWAYS: dict[str, PaymentGateway] = {"sandbox": SandboxGateway()}


def payment_gateway() -> PaymentGateway | None:
    """The configured gateway (``PAYMENT_GATEWAY``), or None for counter payment only."""
    name = settings.PAYMENT_GATEWAY
    return GATEWAYS[name] if name else None


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
    reference = reference.strip()
    if not reference:
        raise PaymentError(
            _("Enter the receipt number of the payment."), code="eservices.payment.reference"
        )
    now = timezone.now()
    due_on = due_on_from(application, now)
    application.paid_at = now
    application.payment_reference = reference[:64]
    application.due_on = due_on
    application_move(
        application,
        move,
        actor,
        message=in_both_languages(
            lambda: _("Fee paid, reference %(reference)s.") % {"reference": reference[:64]}
        ),
    )
    audit_record(
        action="eservices.application.paid",
        request=request,
        actor=actor,
        data={
            "application": str(application.pk),
            "amount_fils": amount_fils,
            "channel": channel,
        },
    )
    tell_applicant_received(application, due_on)
    return application


@transaction.atomic
def application_paid(
    *,
    application_id: Any,
    amount_fils: int,
    reference: str,
    actor: User | None = None,
    request: HttpRequest | None = None,
) -> Application:
    """A gateway confirms an online payment. Confirming the same payment again
    (a repeated notification, the applicant's return and the gateway's call)
    changes nothing."""
    application = case_lock(
        Application.objects.select_related("definition__eservice__service", "applicant"),
        pk=application_id,
    )
    if application.paid_at is not None and application.payment_reference == reference:
        return application
    return payment_record(
        application,
        amount_fils=amount_fils,
        reference=reference,
        actor=actor,
        channel="online",
        request=request,
    )
