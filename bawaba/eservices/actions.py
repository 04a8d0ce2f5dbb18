"""What applicants do with e-services: start, answer page by page, submit."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.cases.actions import case_lock, case_transition
from bawaba.cases.calendar import calendar_for
from bawaba.cases.deadlines import due_date
from bawaba.cases.models import Visibility
from bawaba.cases.transitions import TransitionRefused
from bawaba.core.audit import audit_record
from bawaba.core.forms import address_complete
from bawaba.core.money import format_dinars
from bawaba.eservices.case_kind import APPLICATIONS, event_record
from bawaba.eservices.downloads import document_store
from bawaba.eservices.eligibility import eligibility_problems
from bawaba.eservices.errors import EServiceError, Incomplete, NotEligible
from bawaba.eservices.fees import fee_fils
from bawaba.eservices.journey import answers_pruned, first_incomplete_page, page_get
from bawaba.eservices.models import (
    Application,
    ApplicationEvent,
    ApplicationState,
    EService,
    EServiceDefinition,
)
from bawaba.eservices.questions import IDENTITY_SOURCES
from bawaba.eservices.references import reference_new
from bawaba.eservices.workflow import MOVES
from bawaba.notifications.actions import notify


def profile_values(user: User, language: str) -> dict[str, Any]:
    """What the portal already knows about the person ("tell us once"), by the
    names a definition's ``prefill`` uses; unknown values are left out."""
    names = (user.name_ar, user.name_en) if language == "ar" else (user.name_en, user.name_ar)
    known = {
        "name": next((name for name in names if name), ""),
        "cpr": user.cpr,
        "passport_number": user.passport_number,
        "nationality": str(user.nationality or ""),
        "mobile": user.mobile,
        "email": user.email,
        "address": user.address if address_complete(user.address) else None,
    }
    return {key: value for key, value in known.items() if value}


def identity_answers(definition: Mapping[str, Any], user: User, language: str) -> dict[str, Any]:
    """The answers that are the account's identity (CPR number, passport,
    nationality, name), read from the account whatever was typed or stored."""
    known = profile_values(user, language)
    return {
        question["id"]: known[question["prefill"]]
        for page in definition["pages"]
        for question in page["questions"]
        if question.get("prefill") in IDENTITY_SOURCES and question["prefill"] in known
    }


def _prefill(definition: Mapping[str, Any], user: User, language: str) -> dict[str, Any]:
    """The answers a new application starts with."""
    known = profile_values(user, language)
    answers: dict[str, Any] = {}
    for page in definition["pages"]:
        for question in page["questions"]:
            source = question.get("prefill")
            if source in known:
                answers[question["id"]] = known[source]
    return answers


def move_target(application: Application, move: str) -> str:
    """The state ``move`` takes ``application`` to (workflow.MOVES); raises
    CaseError when the table does not allow it from the current state."""
    try:
        return MOVES.target(move, application.state, APPLICATIONS.facts(application))
    except TransitionRefused as error:
        raise APPLICATIONS.refused(application) from error


def application_move(
    application: Application,
    move: str,
    actor: User | None,
    *,
    update_fields: list[str] | None = None,
    tell: Callable[[], object] | None = None,
    text: str = "",
    message: Mapping[str, str] | None = None,
    visibility: str = Visibility.PERSON,
) -> ApplicationEvent:
    """Make ``move`` on a locked application, the one way its state changes:
    the kit's ``case_transition`` checks the move against the table and the
    actor's role, sets the state it leads to, counts a new revision, saves
    (only ``update_fields`` besides these, when given), writes its history
    row and, when the applicant is told of the move, calls ``tell``."""
    return case_transition(
        APPLICATIONS,
        application,
        move,
        actor=actor,
        update_fields=update_fields,
        tell=tell,
        text=text,
        message=message,
        visibility=visibility,
    )


def in_both_languages(render: Callable[[], str]) -> dict[str, str]:
    """``render()`` once in Arabic and once in English, for a message value."""
    values = {}
    for language in ("ar", "en"):
        with translation.override(language):
            values[language] = str(render())
    return values


def date_in_both_languages(day: datetime.date) -> dict[str, str]:
    return in_both_languages(lambda: formats.date_format(day, "j F Y"))


def tell_applicant(
    application: Application, event: str, key: str, values: Mapping[str, Any]
) -> None:
    """Send ``event`` about ``application`` to its applicant, with the service's
    name, the reference and a link to the application."""
    service = application.definition.eservice.service
    notify(
        recipient=application.applicant,
        event=event,
        idempotency_key=f"application:{application.pk}:{key}",
        values={
            "service": {"ar": service.title_ar, "en": service.title_en},
            "reference": application.reference,
            **values,
        },
        link="eservices:application",
        link_kwargs={"application_id": application.pk},
    )


def eservice_open_for_drafts(eservice: EService) -> None:
    """Raises EServiceError, with the reason for the applicant, while nobody can
    continue an unfinished application (the service is paused or retired)."""
    if eservice.retired_at is not None:
        raise EServiceError(
            _("This service is no longer offered online."), code="eservices.retired"
        )
    if eservice.paused:
        raise EServiceError(
            eservice.pause_message
            or _("This service is closed for maintenance. Your saved applications are kept."),
            code="eservices.paused",
        )


def eservice_available(eservice: EService) -> EServiceDefinition:
    """The definition new applications use; raises EServiceError when there is
    none, or the service is paused or retired (drafts are kept meanwhile)."""
    eservice_open_for_drafts(eservice)
    definition = eservice.current_definition()
    if definition is None:
        upcoming = eservice.next_definition()
        if upcoming is not None and upcoming.available_from is not None:
            opens = timezone.localtime(upcoming.available_from)
            raise EServiceError(
                _("This service opens for applications on %(date)s at %(time)s.")
                % {
                    "date": formats.date_format(opens, "j F Y"),
                    "time": formats.time_format(opens, "H:i"),
                },
                code="eservices.scheduled",
            )
        raise EServiceError(
            _("This service is not open for applications yet."), code="eservices.none"
        )
    return definition


@transaction.atomic
def application_start(
    *, user: User, eservice: EService, request: HttpRequest | None = None
) -> Application:
    definition = eservice_available(eservice)
    problems = eligibility_problems(
        definition.data.get("eligibility"), user, today=timezone.localdate()
    )
    if problems:
        raise NotEligible(problems)
    language = user.preferred_language if user.preferred_language in ("ar", "en") else "ar"
    answers = _prefill(definition.data, user, translation.get_language() or language)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    reference=reference_new(),
                    definition=definition,
                    organisation=definition.organisation,
                    applicant=user,
                    answers=answers,
                    language=language,
                )
            break
        except IntegrityError:  # the reference was taken: draw another
            continue
    else:
        raise EServiceError(_("Something went wrong. Try again."), code="eservices.reference")
    event_record(application, "started", user)
    audit_record(
        action="eservices.application.started",
        request=request,
        actor=user,
        data={"application": str(application.pk), "service": eservice.service.slug},
    )
    return application


def _locked_draft(application_id: Any, user: User, revision: int | None) -> Application:
    application = case_lock(
        Application.objects.select_related("definition__eservice__service"),
        pk=application_id,
        applicant=user,
    )
    if application.state != ApplicationState.DRAFT:
        raise EServiceError(
            _("This application has already been sent. You cannot change it here."),
            code="eservices.not_draft",
        )
    eservice_open_for_drafts(application.definition.eservice)
    if revision is not None and revision != application.revision:
        raise EServiceError(
            _(
                "This application was changed in another window. "
                "Check your answers here before you go on."
            ),
            code="eservices.stale",
        )
    return application


@transaction.atomic
def application_save_page(
    *,
    user: User,
    application_id: Any,
    page_id: str,
    answers: Mapping[str, Any],
    uploads: Mapping[str, Any],
    revision: int | None,
) -> Application:
    """Keep one page's answers (saved at every step: nothing typed is lost)."""
    application = _locked_draft(application_id, user, revision)
    definition = application.definition.data
    if page_get(definition, page_id) is None:
        raise EServiceError(_("This page does not exist."), code="eservices.page")
    language = translation.get_language() or application.language
    merged = {**application.answers, **answers, **identity_answers(definition, user, language)}
    application.answers = answers_pruned(definition, merged)
    for question_id, upload in uploads.items():
        application.documents.filter(question=question_id).delete()
        document_store(application, question_id, upload)
    application.revision += 1
    application.expiry_warned_at = None  # saved again: the time to expiry starts over
    application.save(update_fields=["answers", "revision", "expiry_warned_at", "updated_at"])
    return application


@transaction.atomic
def application_submit(
    *, user: User, application_id: Any, revision: int, request: HttpRequest | None = None
) -> Application:
    """Send a complete application to the provider. Sending twice (back button,
    double click, two tabs) sends it once: the second call returns it as it is."""
    current = case_lock(Application.objects.all(), pk=application_id, applicant=user)
    if current.state != ApplicationState.DRAFT:
        return current
    application = _locked_draft(application_id, user, revision)
    definition = application.definition.data
    uploaded = set(application.documents.values_list("question", flat=True))
    language = translation.get_language() or application.language
    # Identity is the account's, read again now: never what a browser sent.
    application.answers = answers_pruned(
        definition, {**application.answers, **identity_answers(definition, user, language)}
    )
    missing = first_incomplete_page(definition, application.answers, uploaded, language)
    if missing is not None:
        raise Incomplete(missing)
    now = timezone.now()
    application.submitted_at = now
    application.fee_fils = fee_fils(definition["fee"], application.answers)
    due_on = None
    # With a fee the provider cannot take it before the fee is paid
    # (payment.py): the processing time starts from the payment.
    if move_target(application, "submit") == ApplicationState.SUBMITTED:
        due_on = due_on_from(application, now)
        application.due_on = due_on
    application_move(application, "submit", user)
    audit_record(
        action="eservices.application.submitted",
        request=request,
        actor=user,
        data={"application": str(application.pk), "reference": application.reference},
    )
    if due_on is None:
        tell_applicant(
            application,
            "application.payment_due",
            "payment_due",
            {"amount": money_in_both_languages(application.fee_fils)},
        )
    else:
        tell_applicant_received(application, due_on)
    return application


def due_on_from(application: Application, moment: datetime.datetime) -> datetime.date:
    """When the decision is due for an application that reaches its provider
    at ``moment``: the definition's processing time in working days."""
    days = application.definition.data["sla_working_days"]
    return due_date(calendar_for(application.organisation_id), moment, days)


def tell_applicant_received(application: Application, due_on: datetime.date) -> None:
    """The acknowledgement: the provider has the application, and the date
    of its decision at the latest."""
    tell_applicant(
        application,
        "application.received",
        "received",
        {"due": date_in_both_languages(due_on)},
    )


def money_in_both_languages(fils: int) -> dict[str, str]:
    return {language: format_dinars(fils, language) for language in ("ar", "en")}


EXPIRY_WARNING_DAYS = 5


def drafts_expire(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Warn about unfinished applications that will soon expire, and expire
    those left untouched for ``APPLICATION_DRAFT_DAYS`` (their uploaded files
    are deleted). Returns (warned, expired)."""
    now = now or timezone.now()
    keep = datetime.timedelta(days=settings.APPLICATION_DRAFT_DAYS)
    warn_after = keep - datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    # While a service is paused its applicants cannot continue, so their
    # drafts neither age towards expiry nor get a warning.
    drafts = Application.objects.filter(state=ApplicationState.DRAFT).exclude(
        definition__eservice__paused=True
    )
    expired = 0
    for pk in drafts.filter(updated_at__lt=now - keep).values_list("pk", flat=True):
        with transaction.atomic():
            application = case_lock(Application.objects, pk=pk)
            if application.state != ApplicationState.DRAFT or application.updated_at >= now - keep:
                continue  # sent or saved again since it was listed
            for document in application.documents.all():
                document.file.delete(save=False)
                document.delete()
            application.answers = {}
            application_move(application, "expire", None, update_fields=["answers"])
        expired += 1
    warned = 0
    to_warn = drafts.filter(
        updated_at__lt=now - warn_after, updated_at__gte=now - keep, expiry_warned_at__isnull=True
    ).select_related("definition__eservice__service", "applicant")
    for application in to_warn:
        expires = timezone.localdate(application.updated_at + keep)
        with transaction.atomic():
            Application.objects.filter(pk=application.pk).update(expiry_warned_at=now)
            tell_applicant(
                application,
                "application.draft_expiring",
                "expiring",
                {"expires": date_in_both_languages(expires)},
            )
        warned += 1
    return warned, expired
