"""The provider's staff pages after writing: an approver's review of a
consultation or of its official response (publish, or send back with a
note), the comments overview, the response editor, and the exports. Staff
of another provider, and staff with neither role, get a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bawaba.accounts.models import User
from bawaba.catalogue.cache import catalogue_changed
from bawaba.participation.publishing import (
    PublishingError,
    publication_editable,
    publication_may_approve,
    publication_publish,
    publication_send_back,
)

from . import actions, exports, responses, selectors
from .actions import ConsultationError
from .forms import (
    ResponseForm,
    ReviewForm,
)
from .models import Consultation, Paragraph, Response
from .staff_views import edit_url, staff_breadcrumbs, staff_consultation, submit_for_review


def _review_page(
    request: HttpRequest,
    user: User,
    consultation: Consultation,
    item: Consultation | Response,
    *,
    publish: Any,
    template: str,
    extra: dict[str, Any],
    title: str,
) -> HttpResponse:
    may_approve = item.review_state == "in_review" and publication_may_approve(user, item)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if not may_approve:
            raise Http404
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "publish":
                    publish()
                    messages.success(request, _("Published."))
                else:
                    publication_send_back(
                        item=item, user=user, note=form.cleaned_data["note"], request=request
                    )
                    messages.success(request, _("Sent back to the writer with your note."))
            except PublishingError as error:
                form.add_error(None, str(error.message))
            else:
                return redirect(edit_url(consultation))
    return render(
        request,
        template,
        {
            "consultation": consultation,
            "item": item,
            "form": form,
            "may_approve": may_approve,
            "title": title,
            "breadcrumbs": staff_breadcrumbs(consultation, title),
            **extra,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    user, consultation = staff_consultation(request, pk)

    def publish() -> None:
        publication_publish(item=consultation, user=user, request=request)
        transaction.on_commit(catalogue_changed)

    return _review_page(
        request,
        user,
        consultation,
        consultation,
        publish=publish,
        template="consultations/staff/review.html",
        extra={
            "sections": selectors.draft_outline(consultation),
            "questions": selectors.questions_of(consultation),
            "attachments": list(consultation.attachments.all()),
            "audiences": list(consultation.audiences.all()),
        },
        title=_("Review the consultation"),
    )


@login_required
@require_GET
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    _staff, consultation = staff_consultation(request, pk)
    figures = selectors.comment_figures(consultation)
    rows = []
    for section_item in selectors.draft_outline(consultation):
        for paragraph_item in section_item.paragraphs.all():
            count, support = figures.get(paragraph_item.pk, (0, 0))
            rows.append((paragraph_item, count, support))
    whole = figures.get(None, (0, 0))
    return render(
        request,
        "consultations/staff/overview.html",
        {
            "consultation": consultation,
            "rows": rows,
            "whole": whole,
            "total": sum(count for count, _s in figures.values()),
            "answers": selectors.answer_figures(consultation),
            "participants": responses.participants(consultation).count(),
            "breadcrumbs": staff_breadcrumbs(consultation, _("Comments and answers")),
        },
    )


def _response(request: HttpRequest, pk: int, *, save: bool) -> tuple[User, Consultation, Response]:
    """The consultation's response; before its first save, a new draft
    (unsaved unless ``save``: opening the page writes nothing)."""
    user, consultation = staff_consultation(request, pk)
    response = Response.objects.filter(consultation=consultation).first()
    if response is None:
        if not actions.may_edit(user, consultation):
            raise Http404
        start = responses.response_start if save else responses.response_new
        try:
            response = start(user=user, consultation=consultation)
        except ConsultationError:
            raise Http404 from None
    return user, consultation, response


def _paragraphs(consultation: Consultation) -> list[Paragraph]:
    return [p for s in selectors.draft_outline(consultation) for p in s.paragraphs.all()]


@login_required
@require_http_methods(["GET", "POST"])
def response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    # Saving the form makes the draft (response_update), not opening the page.
    user, consultation, response = _response(request, pk, save=False)
    paragraphs = _paragraphs(consultation)
    notes = selectors.response_notes(response)
    initial: dict[str, Any] = {
        name: getattr(response, name)
        for name in ("heard_ar", "heard_en", "changed_ar", "changed_en")
    }
    for note in notes.values():
        initial[f"note_{note.paragraph_id}_ar"] = note.text_ar
        initial[f"note_{note.paragraph_id}_en"] = note.text_en
    editable = publication_editable(response) and actions.may_edit(user, consultation)
    form = ResponseForm(request.POST or None, initial=initial, paragraphs=paragraphs)
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            try:
                responses.response_update(
                    user=user, response=response, fields=form.text_fields(), notes=form.notes()
                )
            except ConsultationError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse("staff_consultations:response", kwargs={"pk": pk}))
    figures = selectors.comment_figures(consultation)
    return render(
        request,
        "consultations/staff/response.html",
        {
            "consultation": consultation,
            "response": response,
            "form": form,
            "editable": editable,
            "main_fields": [
                form[name] for name in ("heard_ar", "heard_en", "changed_ar", "changed_en")
            ],
            "note_rows": [
                (
                    p,
                    figures.get(p.pk, (0, 0))[0],
                    form[f"note_{p.pk}_ar"],
                    form[f"note_{p.pk}_en"],
                )
                for p in paragraphs
            ],
            "gaps": response.review_gaps(),
            "title": _("Official response"),
            "breadcrumbs": staff_breadcrumbs(consultation, _("Official response")),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def response_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user, _consultation, response = _response(request, pk, save=True)
    back = reverse("staff_consultations:response", kwargs={"pk": pk})
    return submit_for_review(request, user, response, back)


@login_required
@require_http_methods(["GET", "POST"])
def response_review(request: HttpRequest, pk: int) -> HttpResponse:
    user, consultation = staff_consultation(request, pk)
    response = Response.objects.filter(consultation=consultation).first()
    if response is None:
        raise Http404

    def publish() -> None:
        told = responses.response_publish(user=user, response=response, request=request)
        messages.info(
            request,
            ngettext(
                "%(count)s participant will be told.",
                "%(count)s participants will be told.",
                told,
            )
            % {"count": told},
        )

    figures = selectors.comment_figures(consultation)
    paragraphs = _paragraphs(consultation)
    notes = selectors.response_notes(response)
    return _review_page(
        request,
        user,
        consultation,
        response,
        publish=publish,
        template="consultations/staff/response_review.html",
        extra={
            "response": response,
            "notes": [
                (p, notes[p.pk], figures.get(p.pk, (0, 0))[0]) for p in paragraphs if p.pk in notes
            ],
        },
        title=_("Review the official response"),
    )


@login_required
@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    _staff, consultation = staff_consultation(request, pk)
    response = HttpResponse(
        exports.comments_csv(consultation), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.pk}.csv"'
    return response


@login_required
@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    _staff, consultation = staff_consultation(request, pk)
    response = HttpResponse(exports.summary_pdf(consultation), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="consultation-{consultation.pk}-summary.pdf"'
    )
    return response
