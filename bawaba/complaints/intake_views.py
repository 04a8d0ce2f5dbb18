"""Contact us, for a signed-in person: a complaint, grievance, suggestion,
enquiry or compliment about a provider (one of its services, one of their
applications), with up to three attachments; filed, routed and acknowledged
at once (``actions.complaint_file``), then the case's page with its
reference. A visitor is asked to sign in: filing without an account (with a
one-time code to verify a contact) is not built yet."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from bawaba.accounts.models import User
from bawaba.catalogue.models import Service
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.attachments import attachment_store
from bawaba.complaints.errors import ComplaintError
from bawaba.complaints.forms import ContactForm


def _initial(request: HttpRequest, form: ContactForm) -> dict[str, Any]:
    """What a link may fill in: ``?provider=<slug>`` and ``?service=<slug>``
    (a service fills in its provider). Anything unknown is left out."""
    initial: dict[str, Any] = {}
    provider = request.GET.get("provider", "")
    if provider in form.providers:
        initial["provider"] = provider
    slug = request.GET.get("service", "")
    if slug:
        service = Service.objects.published().filter(slug=slug[:100]).first()
        if service is not None and service.provider.slug in form.providers:
            initial["service"] = service.slug
            initial["provider"] = service.provider.slug
    return initial


def _contact(user: User) -> dict[str, str]:
    return {"name": user.display_name, "email": user.email, "mobile": user.mobile}


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        sign_in = resolve_url("account_login")
        next_url = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return render(
            request, "complaints/contact_sign_in.html", {"sign_in_url": f"{sign_in}?{next_url}"}
        )
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
    service_slug = form["service"].value() or ""
    service = None
    if service_slug:
        service = Service.objects.published().filter(slug=str(service_slug)[:100]).first()
    return render(
        request,
        "complaints/contact.html",
        {
            "form": form,
            "service": service,
            "contact": _contact(user),
        },
    )


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
