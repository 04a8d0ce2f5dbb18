from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bawaba.catalogue import page_extras, selectors
from bawaba.catalogue.actions import page_feedback_vote
from bawaba.catalogue.cache import cache_for_anonymous
from bawaba.catalogue.forms import PageFeedbackForm
from bawaba.catalogue.limits import is_cross_site, over_limit, too_many
from bawaba.catalogue.models import Audience, Category, LifeEvent
from bawaba.catalogue.problem_reports import problem_report
from bawaba.catalogue.search import spelling_suggestion
from bawaba.core.pages import information_page_search
from bawaba.core.views import csrf_failure

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_PAGE_SIZE = 20
LIST_PAGE_SIZE = 50
# The home page shows the first six as its top tasks and the rest as a list.
HOME_POPULAR_COUNT = 12

_HOME = (gettext_lazy("Home"), "catalogue:home")


@require_GET
@cache_for_anonymous
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalogue/home.html",
        {
            "popular": selectors.service_list_popular(limit=HOME_POPULAR_COUNT),
            "extras": page_extras.home_extras(),
            **selectors.taxonomy_lists(),
        },
    )


def _filters(request: HttpRequest) -> selectors.SearchFilters:
    return selectors.SearchFilters(
        audience=request.GET.get("audience", "")[:80],
        category=request.GET.get("category", "")[:80],
        provider=request.GET.get("provider", "")[:80],
        online=request.GET.get("online") == "1",
    )


@require_GET
@cache_for_anonymous
def search(request: HttpRequest) -> HttpResponse:
    # Only searches the page cache did not answer reach here and are counted.
    if not request.user.is_authenticated and over_limit(request, "search"):
        return too_many(request)
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    filters = _filters(request)
    filtering = any([filters.audience, filters.category, filters.provider, filters.online])
    results = selectors.service_search_published(query=query, filters=filters)
    paginator = Paginator(results.ids, SEARCH_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    services = results.services(page.start_index() - 1, page.end_index()) if results.ids else []
    context: dict[str, Any] = {
        "query": query,
        "filters": filters,
        "searched": bool(query) or filtering,
        "page_obj": page,
        "services": services,
        "total": paginator.count,
        "pages": information_page_search(query) if query else [],
        "suggestion": spelling_suggestion(query) if query and not results.ids else None,
        "popular": selectors.service_list_popular() if not results.ids else [],
        # Ways to browse, before a search and when it found nothing.
        "browse": selectors.taxonomy_lists() if not (query or filtering) or not results.ids else {},
        **selectors.search_filter_options(language=get_language() or "ar"),
        "breadcrumbs": [_HOME, (_("Search"), None)],
    }
    return render(request, "catalogue/search.html", context)


@require_GET
@cache_for_anonymous
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = selectors.service_get_published(slug=slug)
    category = service.theme
    breadcrumbs: list[tuple[Any, str | None]] = [_HOME]
    if category is not None:
        breadcrumbs.append((category.name, category.get_absolute_url()))
    breadcrumbs.append((service.title, None))
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": service,
            "breadcrumbs": breadcrumbs,
            "page_title": service.title,
            "related": selectors.service_related_published(service),
            "extras": page_extras.service_extras(service),
        },
    )


# Anonymous and posted from pages that are cached for everyone, so it carries no
# CSRF token. Instead: a post naming another site is refused, each address has
# a rate, and each browser session counts once per page (a second answer
# replaces the first).
_VOTES = "catalogue_votes"


@csrf_exempt
@require_POST
def service_useful(request: HttpRequest, slug: str) -> HttpResponse:
    """'Is this page useful? Yes / No'."""
    if is_cross_site(request):
        return csrf_failure(request)
    if over_limit(request, "vote"):
        return too_many(request)
    service = selectors.service_get_published(slug=slug)
    answer = request.POST.get("useful")
    if answer in {"yes", "no"}:
        votes: dict[str, int] = request.session.get(_VOTES, {})
        vote = page_feedback_vote(
            service=service, useful=answer == "yes", replaces=votes.get(service.slug)
        )
        request.session[_VOTES] = {**votes, service.slug: vote.pk}
        messages.success(request, _("Thank you for your feedback."))
    if answer == "no":
        return redirect("catalogue:service_problem", slug=service.slug)
    return redirect(service.get_absolute_url())


@require_http_methods(["GET", "POST"])
def service_problem(request: HttpRequest, slug: str) -> HttpResponse:
    """'Report a problem with this page': the report reaches the provider
    (through ``problem_reports``: a suggestion case, in the full portal)."""
    service = selectors.service_get_published(slug=slug)
    if request.method == "POST" and is_cross_site(request):
        return csrf_failure(request)
    if request.method == "POST" and over_limit(request, "problem"):
        return too_many(request)
    form = PageFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem_report(
            service=service,
            problem=form.cleaned_data["problem"],
            language="en" if get_language() == "en" else "ar",
            user=request.user if request.user.is_authenticated else None,
        )
        messages.success(
            request,
            _("Thank you. Your report has been sent to %(provider)s.")
            % {"provider": service.provider.name},
        )
        return redirect(service.get_absolute_url())
    return render(
        request,
        "catalogue/service_problem.html",
        {
            "service": service,
            "form": form,
            "breadcrumbs": [
                _HOME,
                (service.title, service.get_absolute_url()),
                (_("Report a problem"), None),
            ],
        },
    )


def _taxonomy_page(
    request: HttpRequest, taxonomy: Audience | Category | LifeEvent, kind: str
) -> HttpResponse:
    paginator = Paginator(selectors.services_for(taxonomy), LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/taxonomy_detail.html",
        {
            "taxonomy": taxonomy,
            "kind": kind,
            "page_obj": page,
            "breadcrumbs": [_HOME, (taxonomy.name, None)],
        },
    )


@require_GET
@cache_for_anonymous
def audience_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _taxonomy_page(request, get_object_or_404(Audience, slug=slug), "audience")


@require_GET
@cache_for_anonymous
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _taxonomy_page(request, get_object_or_404(Category, slug=slug), "category")


@require_GET
@cache_for_anonymous
def life_event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _taxonomy_page(request, get_object_or_404(LifeEvent, slug=slug), "life_event")


@require_GET
@cache_for_anonymous
def provider_list(request: HttpRequest) -> HttpResponse:
    providers = list(selectors.provider_list(language=get_language() or "ar"))
    return render(
        request,
        "catalogue/provider_list.html",
        {
            "government": [p for p in providers if p.kind == "government"],
            "private": [p for p in providers if p.kind == "private"],
            "breadcrumbs": [_HOME, (_("Providers"), None)],
        },
    )


@require_GET
@cache_for_anonymous
def provider_detail(request: HttpRequest, slug: str) -> HttpResponse:
    provider = selectors.provider_get(slug=slug)
    paginator = Paginator(selectors.service_list_by_provider(provider), LIST_PAGE_SIZE)
    return render(
        request,
        "catalogue/provider_detail.html",
        {
            "provider": provider,
            "page_obj": paginator.get_page(request.GET.get("page")),
            "extras": page_extras.provider_extras(provider),
            "breadcrumbs": [
                _HOME,
                (_("Providers"), "catalogue:providers"),
                (provider.name, None),
            ],
        },
    )


@require_GET
@cache_for_anonymous
def service_index(request: HttpRequest) -> HttpResponse:
    language = get_language() or "ar"
    alphabet = selectors.ARABIC_LETTERS if language == "ar" else selectors.LATIN_LETTERS
    in_use = selectors.letters_in_use(language=language)
    letters = [(letter, letter in in_use) for letter in alphabet]
    letter = request.GET.get("letter", "")
    if letter not in in_use:
        letter = next((item for item, used in letters if used), "")
    return render(
        request,
        "catalogue/service_index.html",
        {
            "letters": letters,
            "letter": letter,
            "services": selectors.service_list_by_letter(letter=letter, language=language)
            if letter
            else [],
            "breadcrumbs": [_HOME, (_("Services A to Z"), None)],
        },
    )
