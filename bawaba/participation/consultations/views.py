"""The public pages of consultations: the list with its filters, a
consultation (its draft paragraph by paragraph with comment counts, its
attachments, and its outcome once answered), a paragraph's comments with
the comment form, the comments on the whole draft, and the questions.
Everything works without JavaScript: support is a small form a comment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bawaba.participation import actions as participation
from bawaba.participation.forms import EditForm
from bawaba.participation.selectors import posting_gate

from . import actions, selectors
from .forms import AnswersForm, CommentForm
from .models import PHASE_COLOURS, Attachment, Comment, Consultation, Paragraph, Phase

LIST_PAGE_SIZE = 20
COMMENT_PAGE_SIZE = 20


def _consultation(slug: str) -> Consultation:
    consultation = selectors.consultation_get_public(slug)
    if consultation is None:
        raise Http404
    return consultation


def _phase_context(consultation: Consultation) -> dict[str, Any]:
    phase = consultation.phase()
    return {"phase": phase, "phase_colour": PHASE_COLOURS[phase], "is_open": phase == Phase.OPEN}


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    filters = selectors.ListFilters(
        state=state if state in selectors.LIST_STATES else "",
        provider=request.GET.get("provider", "")[:80],
        audience=request.GET.get("audience", "")[:80],
    )
    consultations = selectors.consultation_list_public(filters=filters)
    page = Paginator(consultations, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(item, item.phase(), PHASE_COLOURS[item.phase()]) for item in page.object_list]
    return render(
        request,
        "consultations/consultation_list.html",
        {
            "rows": rows,
            "page_obj": page,
            "filters": filters,
            "states": [(phase.value, phase.label) for phase in selectors.LIST_STATES],
            "providers": selectors.consultation_providers(),
            "audiences": selectors.consultation_audiences(),
            "breadcrumbs": [(_("Home"), "catalogue:home"), (_("Consultations"), None)],
        },
    )


def _breadcrumbs(consultation: Consultation, here: str | None = None) -> list[Any]:
    crumbs: list[Any] = [(_("Home"), "catalogue:home"), (_("Consultations"), "consultations:list")]
    if here is None:
        crumbs.append((consultation.title, None))
    else:
        crumbs.append((consultation.title, consultation.get_absolute_url()))
        crumbs.append((here, None))
    return crumbs


@require_GET
def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    outline = selectors.draft_outline(consultation)
    figures = selectors.comment_figures(consultation)
    response = selectors.response_published(consultation)
    notes = selectors.response_notes(response) if response else {}
    sections = [
        (
            section,
            [
                (paragraph, figures.get(paragraph.pk, (0, 0))[0], notes.get(paragraph.pk))
                for paragraph in section.paragraphs.all()
            ],
        )
        for section in outline
    ]
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            **_phase_context(consultation),
            "sections": sections,
            "whole_count": figures.get(None, (0, 0))[0],
            "total_count": sum(count for count, _support in figures.values()),
            "attachments": list(consultation.attachments.all()),
            "question_count": consultation.questions.count(),
            "response": response,
            "outcome_notes": [
                (paragraph, note, count)
                for _section, rows in sections
                for paragraph, count, note in rows
                if note is not None
            ],
            "audiences": list(consultation.audiences.all()),
            "breadcrumbs": _breadcrumbs(consultation),
        },
    )


def _comments_page(
    request: HttpRequest,
    consultation: Consultation,
    paragraph: Paragraph | None,
    *,
    form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    comments = selectors.comments_for_reader(
        consultation=consultation, paragraph=paragraph, user=request.user
    )
    page = Paginator(comments, COMMENT_PAGE_SIZE).get_page(request.GET.get("page"))
    page_comments = list(page.object_list)
    supported = selectors.supported_by(request.user, page_comments)
    context = _phase_context(consultation)
    user_pk = getattr(request.user, "pk", None)
    editable = {
        comment.pk
        for comment in page_comments
        if context["is_open"]
        and comment.author_id == user_pk
        and participation.contribution_editable(comment, request.user)
    }
    refusal = actions.taking_part_refusal(request.user, consultation) if context["is_open"] else ""
    here = (
        _("Paragraph %(number)s") % {"number": paragraph.label}
        if paragraph
        else _("Comments on the whole draft")
    )
    return render(
        request,
        "consultations/comments.html",
        {
            "consultation": consultation,
            **context,
            "paragraph": paragraph,
            "neighbours": selectors.paragraph_neighbours(paragraph) if paragraph else ("", ""),
            "comments": [
                (
                    comment,
                    comment.pk in supported,
                    reverse(
                        "consultations:edit", kwargs={"slug": consultation.slug, "pk": comment.pk}
                    )
                    if comment.pk in editable
                    else "",
                )
                for comment in page_comments
            ],
            "page_obj": page,
            "form": form or CommentForm(),
            "gate": posting_gate(request.user),
            "refusal": refusal if refusal and request.user.is_authenticated else "",
            "next": request.get_full_path(),
            "here": here,
            "breadcrumbs": _breadcrumbs(consultation, here),
        },
        status=status,
    )


def _post_comment(
    request: HttpRequest, consultation: Consultation, paragraph: Paragraph | None
) -> HttpResponse:
    form = CommentForm(request.POST)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if form.is_valid():
        try:
            comment = actions.comment_post(
                user=request.user,
                consultation=consultation,
                paragraph=paragraph,
                body=form.cleaned_data["body"],
            )
        except participation.PostingError as error:
            form.add_error("body", str(error.message))
        else:
            if comment.is_published:
                messages.success(request, _("Thank you. Your comment is published."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your comment will be published once a moderator has "
                        "checked it: only you can see it until then."
                    ),
                )
            return redirect(f"{request.path}#comment-{comment.pk}")
    return _comments_page(request, consultation, paragraph, form=form, status=400)


@require_http_methods(["GET", "POST"])
def paragraph_comments(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    consultation = _consultation(slug)
    paragraph = selectors.paragraph_get(consultation, label)
    if paragraph is None:
        raise Http404
    if request.method == "POST":
        return _post_comment(request, consultation, paragraph)
    return _comments_page(request, consultation, paragraph)


@require_http_methods(["GET", "POST"])
def whole_comments(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    if request.method == "POST":
        return _post_comment(request, consultation, None)
    return _comments_page(request, consultation, None)


def _comment_page_url(comment: Comment) -> str:
    slug = comment.consultation.slug
    if comment.paragraph is None:
        return reverse("consultations:whole", kwargs={"slug": slug})
    return reverse(
        "consultations:paragraph", kwargs={"slug": slug, "label": comment.paragraph.label}
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Its author changes a comment for a short while after writing it."""
    consultation = _consultation(slug)
    comment = (
        Comment.objects.filter(consultation=consultation, pk=pk, author_id=request.user.pk)
        .select_related("paragraph__section")
        .first()
    )
    if comment is None:
        raise Http404
    comment.consultation = consultation
    back = f"{_comment_page_url(comment)}#{comment.anchor}"
    refusal = actions.taking_part_refusal(request.user, consultation)
    if refusal is None and not participation.contribution_editable(comment, request.user):
        refusal = _("This comment can no longer be changed.")
    form = EditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            participation.contribution_edit(
                content=comment,
                user=request.user,  # type: ignore[arg-type]  # signed in: login_required
                body=form.cleaned_data["body"],
            )
        except participation.PostingError as error:
            form.add_error("body", str(error.message))
        else:
            messages.success(request, _("Your comment is changed."))
            return redirect(back)
    here = _("Change your comment")
    return render(
        request,
        "consultations/comment_edit.html",
        {
            "consultation": consultation,
            "comment": comment,
            "form": form,
            "refusal": refusal or "",
            "back": back,
            "here": here,
            "breadcrumbs": _breadcrumbs(consultation, here),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(slug)
    comment = (
        Comment.objects.filter(consultation=consultation, pk=pk, state="published")
        .select_related("paragraph__section")
        .first()
    )
    if comment is None:
        raise Http404
    back = (
        reverse("consultations:paragraph", kwargs={"slug": slug, "label": comment.paragraph.label})
        if comment.paragraph
        else reverse("consultations:whole", kwargs={"slug": slug})
    )
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={back}")
    comment.consultation = consultation
    try:
        if request.POST.get("withdraw"):
            actions.support_withdraw(user=request.user, comment=comment)
            messages.success(request, _("You no longer support this comment."))
        elif actions.support_add(user=request.user, comment=comment):
            messages.success(request, _("You support this comment."))
        else:
            messages.info(request, _("You already support this comment."))
    except participation.PostingError as error:
        messages.error(request, str(error.message))
    return redirect(f"{back}#comment-{comment.pk}")


@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    question_list = selectors.questions_of(consultation)
    if not question_list:
        raise Http404
    language = get_language() or "ar"
    given = selectors.answers_of(request.user, consultation)
    initial = {
        f"question_{pk}": answer.choice if answer.choice is not None else answer.text
        for pk, answer in given.items()
    }
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        form = AnswersForm(request.POST, questions=question_list, language=language)
        if form.is_valid():
            try:
                actions.answers_save(
                    user=request.user,
                    consultation=consultation,
                    answers=form.answers(),
                )
            except participation.PostingError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("Thank you. Your answers are saved."))
                return redirect(request.path)
        status = 400
    else:
        form = AnswersForm(initial=initial, questions=question_list, language=language)
    context = _phase_context(consultation)
    refusal = actions.taking_part_refusal(request.user, consultation) if context["is_open"] else ""
    here = _("Questions")
    return render(
        request,
        "consultations/questions.html",
        {
            "consultation": consultation,
            **context,
            "form": form,
            "gate": posting_gate(request.user),
            "refusal": refusal if refusal and request.user.is_authenticated else "",
            "answered": bool(given),
            "next": request.get_full_path(),
            "breadcrumbs": _breadcrumbs(consultation, here),
        },
        status=status,
    )


@require_GET
def attachment(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    consultation = _consultation(slug)
    found = Attachment.objects.filter(consultation=consultation, pk=pk).first()
    if found is None:
        raise Http404
    return attachment_response(found)


def attachment_response(found: Attachment) -> FileResponse:
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # A download, never shown inline: the file is what an editor uploaded.
    response = FileResponse(
        handle,
        as_attachment=True,
        content_type="application/pdf",
        filename=f"consultation-{found.consultation_id}-{found.pk}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
