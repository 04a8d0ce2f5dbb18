"""The provider's back office for its blog (/<lang>/staff/blog/): the posts
of the providers where the member of staff is an editor or approver, the
draft an editor writes (in one language or both) and sends for review, and
the review page where another approver publishes it or sends it back with a
note, with the post shown as readers will see it. Anyone else gets a 404."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bawaba.accounts.models import Organisation, User
from bawaba.catalogue.workflow import RevisionState
from bawaba.participation import publishing
from bawaba.participation.blogs import actions, selectors
from bawaba.participation.blogs.forms import PostEditForm, SendBackForm
from bawaba.participation.blogs.models import POST_LANGUAGES, Post
from bawaba.participation.permissions import can_approve, can_write

PAGE_SIZE = 50
_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_LIST = (gettext_lazy("Blog posts"), "staff_blogs:list")
STATE_COLOURS: dict[str, str] = {
    RevisionState.DRAFT: "grey",
    RevisionState.IN_REVIEW: "blue",
    RevisionState.PUBLISHED: "green",
}


def _staff(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.is_staff_account or not selectors.staff_organisations(user).exists():
        raise Http404
    return user


def _post(request: HttpRequest, pk: Any) -> tuple[User, Post]:
    user = _staff(request)
    post = selectors.post_get_for_staff(user=user, pk=pk)
    if post is None:
        raise Http404
    return user, post


@login_required
@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    organisations = list(selectors.staff_organisations(user).order_by("name_en"))
    paginator = Paginator(selectors.post_list_for_staff(user=user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [(post, STATE_COLOURS.get(post.review_state, "grey")) for post in page.object_list]
    return render(
        request,
        "blogs/staff/post_list.html",
        {
            "rows": rows,
            "page_obj": page,
            "writable": [o for o in organisations if can_write(user, o.pk)],
            "several": len(organisations) > 1,
            "breadcrumbs": [_WORKSPACE, (_("Blog posts"), None)],
        },
    )


def _edit_page(
    request: HttpRequest,
    form: PostEditForm,
    *,
    organisation: Organisation,
    post: Post | None,
    status: int = 200,
) -> HttpResponse:
    title = post.title if post is not None else _("New blog post")
    return render(
        request,
        "blogs/staff/post_edit.html",
        {
            "form": form,
            "post": post,
            "organisation": organisation,
            "title": title,
            "draft": {"note": post.review_note if post is not None else ""},
            "action": (
                reverse("staff_blogs:edit", args=[post.pk])
                if post is not None
                else reverse("staff_blogs:new", args=[organisation.slug])
            ),
            "breadcrumbs": [_WORKSPACE, _LIST, (title, None)],
        },
        status=status,
    )


def _save(
    request: HttpRequest, form: PostEditForm, organisation: Organisation, post: Post | None
) -> HttpResponse:
    user = cast(User, request.user)
    try:
        if post is None:
            post = actions.post_create(
                organisation=organisation, user=user, data=form.cleaned_data, request=request
            )
        else:
            post = actions.post_update(
                post=post, user=user, data=form.cleaned_data, request=request
            )
    except publishing.PublishingError as error:
        form.add_error(None, str(error.message))
        return _edit_page(request, form, organisation=organisation, post=post, status=400)
    if "submit" in request.POST:
        try:
            actions.post_submit(post=post, user=user, request=request)
        except publishing.PublishingError as error:
            # The draft is kept; the page says what is missing.
            form.add_error(None, str(error.message))
            return _edit_page(request, form, organisation=organisation, post=post, status=400)
        messages.success(request, _("Your post has been sent for review."))
    else:
        messages.success(request, _("Your draft has been saved."))
    return redirect("staff_blogs:review", pk=post.pk)


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request: HttpRequest, organisation: str) -> HttpResponse:
    user = _staff(request)
    provider = selectors.staff_organisation_get(user=user, slug=organisation)
    if provider is None or not can_write(user, provider.pk):
        raise Http404
    if request.method == "POST":
        form = PostEditForm(request.POST)
        if form.is_valid():
            return _save(request, form, provider, None)
        return _edit_page(request, form, organisation=provider, post=None, status=400)
    return _edit_page(request, PostEditForm(), organisation=provider, post=None)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, post = _post(request, pk)
    if not can_write(user, post.organisation_id):
        raise Http404
    if not publishing.publication_editable(post):
        messages.info(
            request, _("This post is in review or published and can no longer be changed.")
        )
        return redirect("staff_blogs:review", pk=post.pk)
    if request.method == "POST":
        form = PostEditForm(request.POST)
        if form.is_valid():
            return _save(request, form, post.organisation, post)
        return _edit_page(request, form, organisation=post.organisation, post=post, status=400)
    initial = {name: getattr(post, name) for name in actions.POST_FIELDS}
    initial["allows_comments"] = post.allows_comments
    return _edit_page(
        request, PostEditForm(initial=initial), organisation=post.organisation, post=post
    )


def _review_page(
    request: HttpRequest,
    user: User,
    post: Post,
    send_back_form: SendBackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    in_review = post.review_state == RevisionState.IN_REVIEW
    wrote_it = user.pk in (post.author_id, post.submitted_by_id)
    previews = [
        {
            "language": language,
            "direction": "rtl" if language == "ar" else "ltr",
            "title": post.field("title", language),
            "summary": post.field("summary", language),
            "body": post.field("body", language),
        }
        for language in POST_LANGUAGES
        if post.has_language(language)
    ]
    return render(
        request,
        "blogs/staff/post_review.html",
        {
            "post": post,
            "colour": STATE_COLOURS.get(post.review_state, "grey"),
            "previews": previews,
            "gaps": post.review_gaps() if post.review_state == RevisionState.DRAFT else [],
            "may_edit": publishing.publication_editable(post)
            and can_write(user, post.organisation_id),
            "may_decide": in_review and publishing.publication_may_approve(user, post),
            "wrote_it_as_approver": in_review
            and wrote_it
            and can_approve(user, post.organisation_id),
            "send_back_form": send_back_form or SendBackForm(),
            "form": send_back_form,
            "public_url": (
                reverse("blogs:post", args=[post.organisation.slug, post.slug])
                if post.is_published
                else ""
            ),
            "breadcrumbs": [_WORKSPACE, _LIST, (post.title or _("Blog post"), None)],
        },
        status=status,
    )


@login_required
@require_GET
def post_review(request: HttpRequest, pk: int) -> HttpResponse:
    user, post = _post(request, pk)
    return _review_page(request, user, post)


@login_required
@require_POST
def post_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user, post = _post(request, pk)
    decision = request.POST.get("decision", "")
    try:
        if decision == "submit":
            actions.post_submit(post=post, user=user, request=request)
            messages.success(request, _("Your post has been sent for review."))
        elif decision == "publish":
            actions.post_publish(post=post, user=user, request=request)
            messages.success(request, _("The post is published."))
        elif decision == "send_back":
            form = SendBackForm(request.POST)
            if not form.is_valid():
                return _review_page(request, user, post, form, status=400)
            actions.post_send_back(
                post=post, user=user, note=form.cleaned_data["note"], request=request
            )
            messages.success(request, _("The post has been sent back to its author."))
        else:
            messages.error(request, _("Choose what to do with the post."))
    except publishing.PublishingError as error:
        messages.error(request, str(error.message))
    return redirect("staff_blogs:review", pk=post.pk)
