"""The moderators' back office: the queue of posts waiting for a decision
(a provider's moderators see their provider's, the portal's moderators see
every one and the portal's own), a case page with the post, its history
and the decision, and blocking an account from posting (portal moderators
only). Anyone else gets a 404."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bawaba.accounts.models import User
from bawaba.core.identifiers import normalise_digits
from bawaba.participation import actions
from bawaba.participation.forms import BlockForm, DecisionForm, UnblockForm
from bawaba.participation.models import ModerationCase, ModerationState
from bawaba.participation.moderation import (
    OPEN_STATES,
    ModerationError,
    content_get,
    moderated_kind,
    moderated_kinds,
)
from bawaba.participation.permissions import is_portal_moderator
from bawaba.participation.selectors import (
    ModerationFilters,
    moderation_case_get_for_staff,
    moderation_history,
    moderation_history_of_author,
    moderation_queue,
    moderator_scope,
)

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_QUEUE = (gettext_lazy("Posts to moderate"), "staff_participation:queue")
STATE_COLOURS: dict[str, str] = {
    ModerationState.PENDING: "blue",
    ModerationState.REPORTED: "yellow",
    ModerationState.APPROVED: "green",
    ModerationState.REJECTED: "grey",
}


def _require_moderator(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.is_staff_account or moderator_scope(user) is None:
        raise Http404
    return user


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = _require_moderator(request)
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    filters = ModerationFilters(
        state=state if state in ModerationState.values else "",
        kind=kind if moderated_kind(kind) is not None else "",
        portal_only=request.GET.get("portal") == "1",
    )
    queue_page = moderation_queue(
        user=user, filters=filters, now=timezone.now(), page_number=request.GET.get("page")
    )
    if queue_page is None:
        raise Http404
    kinds = {kind.code: kind.name for kind in moderated_kinds()}
    rows = [
        (row, STATE_COLOURS.get(row.case.state, "grey"), kinds.get(row.case.content_kind, ""))
        for row in queue_page.rows
    ]
    return render(
        request,
        "participation/staff/queue.html",
        {
            "title": _("Posts to moderate"),
            "rows": rows,
            "page_obj": queue_page.page,
            "filters": filters,
            "states": ModerationState.choices,
            "kinds": sorted(kinds.items(), key=lambda item: str(item[1])),
            "portal_moderator": is_portal_moderator(user),
            "breadcrumbs": [_WORKSPACE, (_("Posts to moderate"), None)],
        },
    )


def _case(request: HttpRequest, case_id: uuid.UUID) -> tuple[User, ModerationCase]:
    user = _require_moderator(request)
    case = moderation_case_get_for_staff(user=user, case_id=case_id)
    if case is None:
        raise Http404
    return user, case


def _render_case(
    request: HttpRequest,
    user: User,
    case: ModerationCase,
    *,
    decision_form: DecisionForm | None = None,
    block_form: BlockForm | None = None,
    unblock_form: UnblockForm | None = None,
    status: int = 200,
) -> HttpResponse:
    content = content_get(case)
    kind = moderated_kind(case.content_kind)
    where = kind.where(content) if kind and content else {}
    post_url = ""
    if kind and content:
        link, kwargs = kind.link(content)
        post_url = reverse(link, kwargs=kwargs)
    language = "en" if get_language() == "en" else "ar"
    block = actions.block_active(case.author)
    others = moderation_history_of_author(user=user, author_id=case.author_id).exclude(pk=case.pk)
    return render(
        request,
        "participation/staff/case.html",
        {
            "title": _("Post %(reference)s") % {"reference": case.reference},
            "case": case,
            "content": content,
            "kind": kind,
            "where": where.get(language, ""),
            "post_url": post_url,
            "colour": STATE_COLOURS.get(case.state, "grey"),
            "events": moderation_history(case),
            "open": case.state in OPEN_STATES,
            "decision_form": decision_form or DecisionForm(prefix="decide"),
            "portal_moderator": is_portal_moderator(user),
            # Not "block": inside {% block %} Django's own block variable hides it.
            "active_block": block,
            "block_form": block_form or BlockForm(prefix="block"),
            "unblock_form": unblock_form or UnblockForm(prefix="unblock"),
            # The page's error summary lists the errors of the form that was sent.
            "form": decision_form or block_form or unblock_form,
            "others": others[:10],
            "breadcrumbs": [_WORKSPACE, _QUEUE, (case.reference, None)],
        },
        status=status,
    )


@login_required
@require_GET
def case(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user, found = _case(request, case_id)
    return _render_case(request, user, found)


def _posted_revision(request: HttpRequest) -> int:
    try:
        return int(normalise_digits(request.POST.get("revision", "")))
    except ValueError:
        return -1


@login_required
@require_POST
def decide(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user, found = _case(request, case_id)
    form = DecisionForm(request.POST, prefix="decide")
    if form.is_valid():
        try:
            actions.moderation_decide(
                case_id=found.pk,
                user=user,
                move=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                revision=_posted_revision(request),
            )
        except ModerationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Your decision is saved and the author has been told."))
            return redirect("staff_participation:case", case_id=found.pk)
    return _render_case(request, user, found, decision_form=form)


@login_required
@require_http_methods(["POST"])
def block(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user, found = _case(request, case_id)
    if not is_portal_moderator(user):
        raise Http404
    unblocking = request.POST.get("action") == "unblock"
    form: Any = (
        UnblockForm(request.POST, prefix="unblock")
        if unblocking
        else BlockForm(request.POST, prefix="block")
    )
    if form.is_valid():
        try:
            if unblocking:
                actions.account_unblock(
                    user=found.author, by=user, reason=form.cleaned_data["reason"]
                )
            else:
                actions.account_block(
                    user=found.author, by=user, reason=form.cleaned_data["reason"]
                )
        except ModerationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("The account can post again.")
                if unblocking
                else _("The account can no longer post. Its holder has been told why."),
            )
            return redirect("staff_participation:case", case_id=found.pk)
    if unblocking:
        return _render_case(request, user, found, unblock_form=form)
    return _render_case(request, user, found, block_form=form)
