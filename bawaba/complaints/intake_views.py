"""Contact us: a complaint, grievance, suggestion, enquiry or compliment
about a provider (one of its services, one of a signed-in person's
applications), with up to three attachments; filed, routed and acknowledged
at once (``actions.complaint_file``).

A signed-in person then sees the case's page with its reference. A visitor
without an account gives a name and an email address or mobile number: the
message waits in their session while a one-time code goes to that address
(``guest``), they type the code (and choose their attachments) on the next
page, and the right code files the case with the contact verified. The
reference is then shown on a page only that session can open, and it is in
the acknowledgement sent to the verified address."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bawaba.accounts.models import User
from bawaba.cases.subjects import Subject
from bawaba.catalogue.models import Service
from bawaba.complaints import guest
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.attachments import attachment_store
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.forms import CodeForm, ContactForm, GuestContactForm, published_service
from bawaba.complaints.models import Kind


def _initial(request: HttpRequest, form: ContactForm | GuestContactForm) -> dict[str, Any]:
    """What a link may fill in: ``?kind=``, ``?provider=<slug>``,
    ``?service=<slug>`` (a service fills in its provider) and, for a signed-in
    person, ``?subject=<kind>:<id>`` naming one of their applications or
    closed cases (which fills in its provider). Anything unknown is left out."""
    initial: dict[str, Any] = {}
    if request.GET.get("kind", "") in Kind.values:
        initial["kind"] = request.GET["kind"]
    provider = request.GET.get("provider", "")
    if provider in form.providers:
        initial["provider"] = provider
    slug = request.GET.get("service", "")
    if slug:
        service = published_service(slug)
        if service is not None and service.provider.slug in form.providers:
            initial["service"] = service.slug
            initial["provider"] = service.provider.slug
    subjects: dict[str, Subject] = getattr(form, "subjects", {})
    about = subjects.get(request.GET.get("subject", "")[:120])
    if about is not None:
        initial["about"] = request.GET["subject"]
        by_pk = {organisation.pk: slug for slug, organisation in form.providers.items()}
        if about.organisation_id in by_pk:
            initial["provider"] = by_pk[about.organisation_id]
    return initial


# The pages of the journey, for "Step 1 of 2" above each heading and in its
# title (components/progress.html), as on an e-service: a signed-in person
# sends the message from its one page (so no step is shown); a visitor types
# it, then the code sent to them. The page that gives the reference is not a step.
STEPS_SIGNED_IN = 1
STEPS_GUEST = 2


def _contact(user: User) -> dict[str, str]:
    return {"name": user.display_name, "email": user.email, "mobile": user.mobile}


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return _guest_contact(request)
    user = request.user
    assert isinstance(user, User)  # noqa: S101  # signed in: the portal's own account
    if request.method == "POST":
        form = ContactForm(request.POST, request.FILES, person=user)
        if form.is_valid():
            try:
                complaint = _file(request, user, form)
            except ComplaintError as error:
                form.add_error(None, str(error))
            else:
                target = resolve_url("complaints:case", complaint_id=complaint.pk)
                return redirect(f"{target}?sent=1")
        form.note_attachments_lost()
    else:
        form = ContactForm(person=user)
        form.initial = _initial(request, form)
    return render(
        request,
        "complaints/contact.html",
        {
            "form": form,
            "service": _service(form),
            "contact": _contact(user),
            "step": 1,
            "steps": STEPS_SIGNED_IN,
        },
    )


def _service(form: ContactForm | GuestContactForm) -> Service | None:
    service_slug = form["service"].value() or ""
    if not service_slug:
        return None
    return published_service(service_slug)


# What a visitor typed, as the session keeps it until the code is typed.
_ANSWERS = ("kind", "subject", "details", "name", "email", "mobile", "identity_withheld")


def _guest_contact(request: HttpRequest) -> HttpResponse:
    pending = guest.pending_get(request.session)
    if request.method == "POST":
        form = GuestContactForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            answers: dict[str, Any] = {name: data.get(name) for name in _ANSWERS}
            answers["identity_withheld"] = bool(answers["identity_withheld"])
            answers["provider"] = data["provider"]
            answers["provider_id"] = data["provider_object"].pk
            service = data["service_object"]
            answers["service"] = service.slug if service is not None else ""
            answers["service_id"] = service.pk if service is not None else None
            answers["language"] = get_language() or "ar"
            _channel, address = guest.verified_address(answers)
            if guest.over_limit(request, address):
                form.add_error(None, guest.too_many_codes())
            else:
                pending = guest.pending_start(request.session, answers=answers)
                guest.code_send(pending)
                guest.pending_save(request.session, pending)
                return redirect("contact:code")
    else:
        form = GuestContactForm()
        form.initial = _initial(request, form)
        if pending is not None and not form.initial:
            # Back from the code page to change the message: as it was typed.
            form.initial = dict(pending["answers"])
    sign_in = resolve_url("account_login")
    next_url = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
    return render(
        request,
        "complaints/contact.html",
        {
            "form": form,
            "service": _service(form),
            "guest": True,
            "sign_in_url": f"{sign_in}?{next_url}",
            "step": 1,
            "steps": STEPS_GUEST,
        },
    )


@require_http_methods(["GET", "POST"])
def guest_code(request: HttpRequest) -> HttpResponse:
    """The one-time code sent to a visitor, and the message's attachments."""
    pending = guest.pending_get(request.session)
    if pending is None or request.user.is_authenticated:
        # Signed in meanwhile: the account's own form files with the account.
        return redirect("contact:form")
    answers = pending["answers"]
    channel, address = guest.verified_address(answers)
    notice = problem = ""
    if request.method == "POST" and "resend" in request.POST:
        form = CodeForm()
        notice, problem = guest.code_resend(
            request, pending, lambda kept: guest.pending_save(request.session, kept)
        )
    elif request.method == "POST":
        form = CodeForm(request.POST, request.FILES)
        if form.is_valid():
            result = guest.code_check(pending, form.cleaned_data["code"])
            guest.pending_save(request.session, pending)
            if result == guest.Check.RIGHT:
                try:
                    complaint = _file_for_guest(request, answers, form)
                except ComplaintError as error:
                    form.add_error(None, str(error))
                else:
                    request.session.pop(guest.PENDING_KEY, None)
                    request.session[guest.SENT_KEY] = {
                        "reference": complaint.reference,
                        "channel": channel,
                        "address": address,
                    }
                    return redirect("contact:sent")
            else:
                form.add_error("code", _code_problem(result, pending))
        form.note_attachments_lost()
    else:
        form = CodeForm()
    return render(
        request,
        "complaints/guest_code.html",
        {
            "form": form,
            "channel": channel,
            "address": address,
            "notice": notice,
            "problem": problem,
            "may_resend": int(pending.get("sends", 0)) < guest.MAX_SENDS,
            "minutes": int(guest.CODE_LIFE.total_seconds() // 60),
            "step": 2,
            "steps": STEPS_GUEST,
        },
    )


def _code_problem(result: guest.Check, pending: dict[str, Any]) -> str:
    if result == guest.Check.EXPIRED:
        return _("This code has expired. Ask for a new code below: your message is kept.")
    if result == guest.Check.SPENT:
        return _(
            "You have typed a wrong code too many times. Ask for a new code below: your "
            "message is kept."
        )
    left = guest.MAX_TRIES - int(pending.get("tries", 0))
    return _(
        "This code is not right. Check the message we sent you and type its 6 digits "
        "(%(left)s tries left)."
    ) % {"left": left}


@transaction.atomic
def _file_for_guest(request: HttpRequest, answers: dict[str, Any], form: CodeForm) -> Any:
    channel, address = guest.verified_address(answers)
    complaint = complaint_file(
        filing=Filing(
            kind=answers["kind"],
            subject=answers["subject"],
            details=answers["details"],
            provider_id=answers.get("provider_id"),
            service_id=answers.get("service_id"),
            identity_withheld=bool(answers.get("identity_withheld")),
            contact_name=answers.get("name") or "",
            # Only the address the code went to is proved, so only it is kept.
            contact_email=address if channel == "email" else "",
            contact_mobile=address if channel == "sms" else "",
            contact_verified_at=timezone.now(),
            language=answers.get("language") or "ar",
        ),
        person=None,
        request=request,
    )
    for upload in form.cleaned_data.get("attachments") or []:
        attachment_store(complaint, upload)
    return complaint


@require_http_methods(["GET"])
def guest_sent(request: HttpRequest) -> HttpResponse:
    """The reference of the message this session sent without an account."""
    sent = request.session.get(guest.SENT_KEY)
    if not isinstance(sent, dict) or not sent.get("reference"):
        return redirect("contact:form")
    return render(request, "complaints/guest_sent.html", {"sent": sent})


@transaction.atomic
def _file(request: HttpRequest, user: User, form: ContactForm) -> Any:
    data = form.cleaned_data
    provider = data["provider_object"]
    service = data["service_object"]
    complaint = complaint_file(
        filing=Filing(
            kind=data["kind"],
            subject=data["subject"],
            details=data["details"],
            provider_id=provider.pk if provider is not None else None,
            service_id=service.pk if service is not None else None,
            about=data.get("about"),
            compliment_for=data.get("compliment_for") or "",
            identity_withheld=bool(data.get("identity_withheld")),
            contact_name=user.display_name,
            contact_email=user.email,
            contact_mobile=user.mobile,
            language=get_language() or "ar",
        ),
        person=user,
        request=request,
    )
    for upload in data.get("attachments") or []:
        attachment_store(complaint, upload)
    return complaint
