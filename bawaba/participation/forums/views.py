"""The forum's pages: the themes, a theme's topics, a topic with its replies,
starting a topic, replying (perhaps quoting a reply) and changing one's own
post within the edit window. Every form sits behind the foundation's gate
(sign in, blocked, choose a name); reporting is the foundation's page."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from bawaba.accounts.models import Organisation, User
from bawaba.catalogue.models import Category
from bawaba.participation import posting
from bawaba.participation.actions import PostingError, contribution_editable
from bawaba.participation.forums import actions, selectors
from bawaba.participation.forums.forms import EditForm, ReplyForm, ThreadEditForm, ThreadForm
from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.forums.moderation import REPLY_KIND, THREAD_KIND
from bawaba.participation.models import Contribution, ContributionState
from bawaba.participation.permissions import official_organisations
from bawaba.participation.selectors import Gate, posting_gate

_HOME = (gettext_lazy("Home"), "catalogue:home")
_FORUMS = (gettext_lazy("Forums"), "forums:home")


def _theme_crumb(category: Category) -> tuple[str, str]:
    return category.name, reverse("forums:theme", kwargs={"slug": category.slug})


def _thread_crumb(thread: Thread) -> tuple[str, str]:
    return thread.title, reverse("forums:thread", kwargs={"pk": thread.pk})


def _official(request: HttpRequest, gate: Gate) -> QuerySet[Organisation] | None:
    """The providers the person may answer for, when they may post at all."""
    if not gate.open:
        return None
    return official_organisations(request.user)


def _refused_status(request: HttpRequest, gate: Gate) -> int:
    # A form sent past the gate (a blocked account's direct POST) is refused.
    return 403 if request.method == "POST" and gate.reason == "blocked" else 200


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forums/home.html",
        {"themes": selectors.theme_list(), "breadcrumbs": [_HOME, (_("Forums"), None)]},
    )


def _theme(slug: str) -> Category:
    category = selectors.theme_get(slug)
    if category is None:
        raise Http404
    return category


@require_GET
def theme(request: HttpRequest, slug: str) -> HttpResponse:
    category = _theme(slug)
    page_obj = selectors.thread_page(
        category=category, user=request.user, page_number=request.GET.get("page")
    )
    return render(
        request,
        "forums/theme.html",
        {
            "theme": category,
            "page_obj": page_obj,
            "breadcrumbs": [_HOME, _FORUMS, (category.name, None)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    category = _theme(slug)
    user = cast(User, request.user)
    gate = posting_gate(user)
    providers = selectors.thread_providers(category)
    form = ThreadForm(
        request.POST if request.method == "POST" and gate.open else None,
        providers=providers,
        official=_official(request, gate),
        initial={"provider": _provider_initial(request, providers)},
    )
    if form.is_bound and form.is_valid():
        try:
            thread = actions.thread_start(
                user=user,
                category=category,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                provider=form.provider_organisation(),
                official_organisation=form.official_organisation(),
            )
        except PostingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _published_message(thread))
            return redirect("forums:thread", pk=thread.pk)
    return render(
        request,
        "forums/thread_new.html",
        {
            "theme": category,
            "form": form,
            "gate": gate,
            "next": request.get_full_path(),
            "breadcrumbs": [_HOME, _FORUMS, _theme_crumb(category), (_("Start a topic"), None)],
        },
        status=_refused_status(request, gate),
    )


def _provider_initial(request: HttpRequest, providers: QuerySet[Organisation]) -> str:
    """A topic started from a provider's page names it (``?provider=<slug>``)."""
    slug = request.GET.get("provider", "")
    if not slug:
        return ""
    found = providers.filter(slug=slug).values_list("pk", flat=True).first()
    return str(found) if found else ""


def _published_message(post: Contribution) -> str:
    if post.state == ContributionState.PENDING:
        return _(
            "Thank you. Your post waits for a moderator, because your account is new. "
            "Only you can see it until it is published, and we will tell you of the decision."
        )
    return _("Thank you. Your post is published.")


def _thread_or_404(request: HttpRequest, pk: int) -> Thread:
    thread = selectors.thread_get_for_reader(user=request.user, pk=pk)
    if thread is None:
        raise Http404
    return thread


@require_GET
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    found = _thread_or_404(request, pk)
    page_obj = selectors.reply_page(
        thread=found, user=request.user, page_number=request.GET.get("page")
    )
    gate = posting_gate(request.user)
    blocked = gate.reason == "blocked"
    now = timezone.now()
    open_for_replies = found.state == ContributionState.PUBLISHED
    form = ReplyForm(official=_official(request, gate)) if open_for_replies else None
    return render(
        request,
        "forums/thread.html",
        {
            "thread": found,
            "thread_editable": contribution_editable(found, request.user, now=now, blocked=blocked),
            "page_obj": page_obj,
            "replies": [
                (reply, contribution_editable(reply, request.user, now=now, blocked=blocked))
                for reply in page_obj
            ],
            "open_for_replies": open_for_replies,
            "reply_form": form,
            "gate": gate,
            "next": request.get_full_path(),
            "thread_kind": THREAD_KIND,
            "reply_kind": REPLY_KIND,
            "breadcrumbs": [_HOME, _FORUMS, _theme_crumb(found.category), (found.title, None)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    found = _thread_or_404(request, pk)
    if found.state != ContributionState.PUBLISHED:
        raise Http404
    user = cast(User, request.user)
    gate = posting_gate(user)
    quote_id = request.POST.get("quote") if request.method == "POST" else request.GET.get("quote")
    quote = selectors.quotable_get(thread=found, pk=quote_id) if quote_id else None
    form = ReplyForm(
        request.POST if request.method == "POST" and gate.open else None,
        official=_official(request, gate),
    )
    if form.is_bound and form.is_valid():
        try:
            posted = actions.reply_post(
                user=user,
                thread=found,
                body=form.cleaned_data["body"],
                quote=quote,
                official_organisation=form.official_organisation(),
            )
        except PostingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _published_message(posted))
            return redirect("forums:reply", pk=posted.pk)
    return render(
        request,
        "forums/reply.html",
        {
            "thread": found,
            "quote": quote,
            "form": form,
            "gate": gate,
            "next": request.get_full_path(),
            "breadcrumbs": [
                _HOME,
                _FORUMS,
                _theme_crumb(found.category),
                _thread_crumb(found),
                (_("Reply"), None),
            ],
        },
        status=_refused_status(request, gate),
    )


@require_GET
def reply_link(request: HttpRequest, pk: int) -> HttpResponse:
    """A reply's own address: the page of its topic where it is shown."""
    found = selectors.reply_get_for_reader(user=request.user, pk=pk)
    if found is None:
        raise Http404
    number = selectors.reply_page_number(reply=found, user=request.user)
    url = reverse("forums:thread", kwargs={"pk": found.thread_id})
    query = f"?page={number}" if number > 1 else ""
    return redirect(f"{url}{query}#reply-{found.pk}")


def _own(model: type[Thread] | type[Reply], user: User, pk: int) -> Any:
    own = selectors.own_post_get(model=model, user=user, pk=pk)
    if own is None:
        raise Http404
    return own


@login_required
@require_http_methods(["GET", "POST"])
def thread_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    own: Thread = _own(Thread, user, pk)
    initial = {"title": own.title, "body": own.body}
    return _edit(
        request,
        own,
        form_class=ThreadEditForm,
        initial=initial,
        save=lambda data: actions.thread_edit(
            thread=own, user=user, title=data["title"], body=data["body"]
        ),
        back=reverse("forums:thread", kwargs={"pk": own.pk}),
        crumbs=[_theme_crumb(own.category), _thread_crumb(own)],
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    own: Reply = _own(Reply, user, pk)
    return _edit(
        request,
        own,
        form_class=EditForm,
        initial={"body": own.body},
        save=lambda data: actions.reply_edit(reply=own, user=user, body=data["body"]),
        back=reverse("forums:reply", kwargs={"pk": own.pk}),
        crumbs=[_theme_crumb(own.thread.category), _thread_crumb(own.thread)],
    )


def _edit(
    request: HttpRequest,
    own: Contribution,
    *,
    form_class: type[EditForm],
    initial: dict[str, str],
    save: Any,
    back: str,
    crumbs: list[tuple[str, str]],
) -> HttpResponse:
    gate = posting_gate(request.user)
    editable = contribution_editable(own, request.user, blocked=gate.reason == "blocked")
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if editable and form.is_bound and form.is_valid():
        try:
            save(form.cleaned_data)
        except PostingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(back)
    return render(
        request,
        "forums/edit.html",
        {
            "post": own,
            "form": form if editable else None,
            "editable": editable,
            "edit_minutes": posting.setting("EDIT_MINUTES"),
            "back": back,
            "breadcrumbs": [_HOME, _FORUMS, *crumbs, (_("Change your post"), None)],
        },
        status=200 if editable or request.method == "GET" else 403,
    )
