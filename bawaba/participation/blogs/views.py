"""The blogs' public pages: every provider's posts (newest first, by
provider), one provider's blog, and a post with its comments and the form
to comment. A post not written in the page's language says so, with its
title in its own language and a link to that version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bawaba.accounts.models import Organisation
from bawaba.participation import actions as participation_actions
from bawaba.participation.blogs import actions, selectors
from bawaba.participation.blogs.forms import BlogFilterForm, CommentForm
from bawaba.participation.blogs.models import Post
from bawaba.participation.selectors import posting_gate

PAGE_SIZE = 20
COMMENT_KIND = "blogs.comment"
_HOME = (gettext_lazy("Home"), "catalogue:home")
_BLOGS = (gettext_lazy("Blogs"), "blogs:list")


def _other(language: str) -> str:
    return "en" if language == "ar" else "ar"


@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    providers = list(selectors.blog_providers())
    form = BlogFilterForm(request.GET or None, providers=[(p.slug, p.name) for p in providers])
    organisation: Organisation | None = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            slug = form.cleaned_data.get("provider") or ""
            organisation = next((p for p in providers if p.slug == slug), None)
        else:
            status = 400
    paginator = Paginator(selectors.post_list_published(organisation=organisation), PAGE_SIZE)
    return render(
        request,
        "blogs/post_list.html",
        {
            "filter_form": form,
            "form": form if form.is_bound and form.errors else None,
            "organisation": organisation,
            "page_obj": paginator.get_page(request.GET.get("page")),
            "feed_url": reverse("blogs:feed"),
            "breadcrumbs": [_HOME, (_("Blogs"), None)],
        },
        status=status,
    )


def _provider(slug: str) -> Organisation:
    organisation = selectors.provider_get(slug=slug)
    if organisation is None:
        raise Http404
    return organisation


@require_GET
def provider_blog(request: HttpRequest, organisation: str) -> HttpResponse:
    provider = _provider(organisation)
    paginator = Paginator(selectors.post_list_published(organisation=provider), PAGE_SIZE)
    return render(
        request,
        "blogs/provider_blog.html",
        {
            "provider": provider,
            "page_obj": paginator.get_page(request.GET.get("page")),
            "feed_url": reverse("blogs:provider_feed", args=[provider.slug]),
            "breadcrumbs": [_HOME, _BLOGS, (provider.name, None)],
        },
    )


def _in_its_language(text: str, shown: str, language: str) -> str:
    """A title of the other language, marked as such (escaped here)."""
    if shown == language:
        return text
    direction = "rtl" if shown == "ar" else "ltr"
    return format_html('<span lang="{}" dir="{}">{}</span>', shown, direction, text)


def _render_post(
    request: HttpRequest, post: Post, form: CommentForm | None = None, status: int = 200
) -> HttpResponse:
    language = get_language() or "ar"
    user = request.user
    gate = posting_gate(user)
    written_here = post.has_language(language)
    shown = post.shown_language(language)
    return render(
        request,
        "blogs/post_detail.html",
        {
            "post": post,
            "provider": post.organisation,
            "written_here": written_here,
            "shown_language": shown,
            "shown_direction": "rtl" if shown == "ar" else "ltr",
            "shown_title": post.field("title", shown),
            "body": post.field("body", language) if written_here else "",
            "summary": post.field("summary", language) if written_here else "",
            "other_url": translate_url(request.path, shown) if not written_here else "",
            "other_language_url": (
                translate_url(request.path, _other(language))
                if post.has_language(_other(language))
                else ""
            ),
            "comments": list(selectors.comment_list_for_reader(post=post, user=user)),
            "gate": gate,
            "comment_form": form or CommentForm(),
            "form": form,
            "next": request.path,
            "report_kind": COMMENT_KIND,
            "feed_url": reverse("blogs:provider_feed", args=[post.organisation.slug]),
            "breadcrumbs": [
                _HOME,
                _BLOGS,
                (post.organisation.name, reverse("blogs:provider", args=[post.organisation.slug])),
                (_in_its_language(post.title, shown, language), None),
            ],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def post_detail(request: HttpRequest, organisation: str, slug: str) -> HttpResponse:
    provider = _provider(organisation)
    post = selectors.post_get_published(organisation=provider, slug=slug)
    if post is None:
        raise Http404
    if request.method != "POST":
        return _render_post(request, post)
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    if not post.allows_comments:
        messages.error(request, _("This post does not take comments."))
        return redirect(request.path)
    form = CommentForm(request.POST)
    if not posting_gate(request.user).open or not form.is_valid():
        return _render_post(request, post, form, status=400)
    try:
        comment = actions.comment_post(post=post, user=request.user, body=form.cleaned_data["body"])
    except participation_actions.PostingError as error:
        form.add_error("body", str(error.message))
        return _render_post(request, post, form, status=400)
    if comment.is_published:
        messages.success(request, _("Your comment is published."))
    else:
        messages.success(
            request,
            _("Thank you. Your comment will be published once a moderator has read it."),
        )
    return redirect(f"{request.path}#comment-{comment.pk}")
