"""Ratings of transactions and the satisfaction they add up to (charter
C21). After an application is decided (a payment succeeds, later) the person
may rate it once, from 1 to 5, with an optional comment; a low rating offers
a complaint about it, which is filed only if they send it. Per service and
per provider, these ratings and those of closed complaint cases make the
satisfaction shown on the catalogue's pages, once there are enough of them.

What can be rated is the case kit's subjects registry's to say (``rateable``),
so this module never names an application."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.cases.subjects import Subject, subject_get
from bawaba.catalogue.page_extras import provider_extra_register, service_extra_register
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.models import Rating, TransactionRating
from bawaba.core.audit import audit_record
from bawaba.core.text import text_box_errors

COMMENT_MAX_LENGTH = 1000
LOW_SCORES = (1, 2)
# Fewer ratings than this say too little to be shown.
MINIMUM_RATINGS = 5
CACHE_SECONDS = 10 * 60


def rateable_subject_get(*, user: Any, kind: str, subject_id: str) -> Subject | None:
    """The person's transaction ``kind``/``subject_id`` if they may rate it;
    None for anything else (not theirs, not decided, unknown)."""
    subject = subject_get(user, kind, subject_id)
    return subject if subject is not None and subject.rateable else None


def transaction_rating_get(*, user: Any, kind: str, subject_id: str) -> TransactionRating | None:
    return TransactionRating.objects.filter(
        subject_kind=kind, subject_id=subject_id, person_id=user.pk
    ).first()


@transaction.atomic
def transaction_rate(
    *,
    user: User,
    kind: str,
    subject_id: str,
    score: int,
    comment: str = "",
    request: HttpRequest | None = None,
) -> TransactionRating:
    """The person rates one of their decided transactions, once."""
    comment = comment.strip()
    problems = text_box_errors(comment, COMMENT_MAX_LENGTH)
    if problems:
        raise ComplaintError(" ".join(problems), code="complaints.text")
    if score not in range(1, 6):
        raise ComplaintError(_("Choose a score from 1 to 5."), code="complaints.score")
    subject = rateable_subject_get(user=user, kind=kind, subject_id=subject_id)
    if subject is None:
        raise ComplaintError(_("This cannot be rated."), code="complaints.not_rateable")
    already = ComplaintError(_("You have already rated this."), code="complaints.rated")
    if transaction_rating_get(user=user, kind=kind, subject_id=subject.id) is not None:
        raise already
    try:
        with transaction.atomic():
            rating = TransactionRating.objects.create(
                subject_kind=subject.kind,
                subject_id=subject.id,
                person=user,
                score=score,
                comment=comment,
                service_id=subject.service_id,
                organisation_id=subject.organisation_id,
            )
    except IntegrityError as error:
        raise already from error
    audit_record(
        action="complaints.transaction_rated",
        request=request,
        actor=user,
        data={"subject": f"{subject.kind}:{subject.id}", "score": score},
    )
    transaction.on_commit(lambda: _forget(subject.service_id, subject.organisation_id))
    return rating


def complaint_offered(rating: TransactionRating | None) -> bool:
    """A low rating offers a complaint about the transaction."""
    return rating is not None and rating.score in LOW_SCORES


@dataclass(frozen=True)
class Satisfaction:
    count: int
    total: int

    @property
    def average(self) -> float:
        return self.total / self.count if self.count else 0.0

    @property
    def shown(self) -> bool:
        return self.count >= MINIMUM_RATINGS


def _key(scope: str, pk: int) -> str:
    return f"complaints:satisfaction:{scope}:{pk}"


def _forget(service_id: int | None, organisation_id: int | None) -> None:
    keys = [_key("service", service_id)] if service_id else []
    if organisation_id:
        keys.append(_key("provider", organisation_id))
    cache.delete_many(keys)


def _figures(scope: str, pk: int) -> Satisfaction:
    cached = cache.get(_key(scope, pk))
    if cached is not None:
        return Satisfaction(*cached)
    field = "service_id" if scope == "service" else "organisation_id"
    count = total = 0
    for rows in (
        TransactionRating.objects.filter(**{field: pk}),
        Rating.objects.filter(**{f"complaint__{field}": pk}),
    ):
        figures = rows.aggregate(count=Count("id"), total=Sum("score"))
        count += figures["count"] or 0
        total += figures["total"] or 0
    cache.set(_key(scope, pk), (count, total), CACHE_SECONDS)
    return Satisfaction(count, total)


def service_satisfaction(service_id: int) -> Satisfaction:
    return _figures("service", service_id)


def provider_satisfaction(organisation_id: int) -> Satisfaction:
    return _figures("provider", organisation_id)


def _rendered(satisfaction: Satisfaction) -> str:
    # Nothing below the minimum: a page says nothing rather than "not enough
    # ratings yet" on most services.
    if not satisfaction.shown:
        return ""
    return render_to_string(
        "complaints/rating_satisfaction.html",
        {"average": f"{satisfaction.average:.1f}", "count": satisfaction.count},
    )


def service_extra(service: Any) -> str:
    return _rendered(service_satisfaction(service.pk))


def provider_extra(provider: Any) -> str:
    return _rendered(provider_satisfaction(provider.pk))


def register_page_extras() -> None:
    service_extra_register(service_extra)
    provider_extra_register(provider_extra)
