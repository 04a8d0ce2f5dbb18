"""The one-question rating of a transaction (charter C21): the signed-in
owner of a decided transaction rates it once; a low rating offers a
complaint about it, pre-filled, that they send only if they choose to."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bawaba.accounts.models import User
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.rating_forms import TransactionRatingForm
from bawaba.complaints.satisfaction import (
    complaint_offered,
    rateable_subject_get,
    transaction_rate,
    transaction_rating_get,
)


def complaint_url(kind: str, subject_id: str) -> str:
    """The contact form, set for a complaint about this transaction."""
    query = urlencode({"kind": "complaint", "subject": f"{kind}:{subject_id}"})
    return f"{reverse('contact:form')}?{query}"


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, kind: str, subject_id: str) -> HttpResponse:
    # Not theirs, not decided yet, or unknown: all look the same.
    subject = rateable_subject_get(user=request.user, kind=kind, subject_id=subject_id)
    if subject is None:
        raise Http404
    rating = transaction_rating_get(user=request.user, kind=kind, subject_id=subject.id)
    form = None
    if rating is None:
        form = TransactionRatingForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                transaction_rate(
                    user=cast(User, request.user),
                    kind=subject.kind,
                    subject_id=subject.id,
                    request=request,
                    **form.cleaned_data,
                )
            except ComplaintError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you for your rating."))
                return redirect(request.path)
    return render(
        request,
        "complaints/rating_transaction.html",
        {
            "subject": subject,
            "rating": rating,
            "form": form,
            "complaint_url": complaint_url(subject.kind, subject.id)
            if complaint_offered(rating)
            else None,
        },
    )
