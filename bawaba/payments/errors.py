"""Payment errors with stable codes; their messages are what the payer reads."""

from bawaba.core.errors import ApplicationError


class PaymentError(ApplicationError):
    code = "payments.payment"


class PaymentMismatch(PaymentError):
    """What the gateway reports does not match the payment (amount, currency,
    merchant or reference): nothing is changed and the attempt is logged."""

    code = "payments.mismatch"
    fields: list[str] = []  # what did not match: reference, merchant, currency, amount…


class RefundError(PaymentError):
    code = "payments.refund"


class BillError(PaymentError):
    """A bill or fine that cannot be looked up or paid; the message says why."""

    code = "payments.bill"
