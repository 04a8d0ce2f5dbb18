"""Reads of the catalogue. On the public side only published services of
active providers are ever visible; anything else is a 404, whoever asks. The
back office reads through the ``…_for_staff`` selectors: a staff member's own
providers (where they are an editor or an approver), those providers' services,
published or not, their changes and the public's feedback on them. Whatever lies
outside raises DoesNotExist or is simply not listed, so a 404 looks the same
whether a thing is someone else's or does not exist."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from bawaba.accounts.models import Organisation, User
from bawaba.catalogue.cache import PAGE_TIMEOUT, catalogue_cached
from bawaba.catalogue.models import (
    Audience,
    Category,
    LifeEvent,
    PageFeedback,
    ProviderRevision,
    Service,
    ServiceRevision,
)
from bawaba.catalogue.permissions import content_organisations
from bawaba.catalogue.search import service_search
from bawaba.catalogue.workflow import RevisionState
from bawaba.core.text import index_key, index_letter

POPULAR_COUNT = 8


def _listing(queryset: QuerySet[Service]) -> QuerySet[Service]:
    return queryset.select_related("provider")


def service_list_published() -> QuerySet[Service]:
    return _listing(Service.objects.published())


def service_get_published(*, slug: str) -> Service:
    """One published service with what its page shows: its provider, and who
    last reviewed it. Its topic (``Service.theme``) and related services
    (``service_related_published``) are read when the page asks for them."""
    # "eservice" is the e-services app's one-to-one (``Service.applies_on_portal``):
    # read in the same query, not one more. Of the reviewer, only the names the
    # page shows are read (``Service.reviewer_name``), never the whole account.
    queryset = (
        Service.objects.published()
        .select_related("provider", "eservice")
        .annotate(
            reviewer_name_ar=F("last_reviewed_by__name_ar"),
            reviewer_name_en=F("last_reviewed_by__name_en"),
        )
    )
    return get_object_or_404(queryset, slug=slug)


def service_related_published(service: Service) -> list[Service]:
    """The published services a service's page links to, titles only."""
    return list(service.related.published().only("slug", "title_ar", "title_en"))


def service_list_for_staff(*, user: User) -> QuerySet[Service]:
    """Every service (published or not) of the providers whose pages ``user``
    works on in the back office: the catalogue's pages and the e-service
    definitions alike. Anyone else's service is simply not in it (a 404)."""
    return Service.objects.filter(provider__in=content_organisations(user)).select_related(
        "provider"
    )


def service_get_for_staff(*, user: User, slug: str) -> Service:
    """One service of the person's own providers; anyone else's raises
    Service.DoesNotExist, like one that does not exist."""
    return service_list_for_staff(user=user).get(slug=slug)


def service_list_overdue_for_staff(*, user: User, today: datetime.date) -> QuerySet[Service]:
    """The person's services whose review date has passed, the oldest first."""
    return service_list_for_staff(user=user).filter(review_by__lt=today).order_by("review_by")


def provider_list_for_staff(*, user: User) -> QuerySet[Organisation]:
    """The providers whose pages ``user`` works on (editor or approver)."""
    return content_organisations(user)


def provider_get_for_staff(*, user: User, slug: str) -> Organisation:
    """One of the person's own providers; any other raises DoesNotExist."""
    return provider_list_for_staff(user=user).get(slug=slug)


_OPEN = (RevisionState.DRAFT, RevisionState.IN_REVIEW)
_CONTRIBUTORS = Prefetch("contributors", queryset=User.objects.order_by("pk"))


def service_revision_list_for_staff(*, user: User) -> QuerySet[ServiceRevision]:
    """Every change to the person's services, with what its page shows."""
    return ServiceRevision.objects.filter(
        service__in=service_list_for_staff(user=user)
    ).select_related("service__provider", "author", "decided_by")


def service_revision_list_open_for_staff(*, user: User) -> QuerySet[ServiceRevision]:
    """Drafts and changes in review of the person's services."""
    return service_revision_list_for_staff(user=user).filter(state__in=_OPEN)


def service_revision_get_for_staff(*, user: User, pk: int) -> ServiceRevision:
    """One change to one of the person's services, its contributors prefetched
    in order; anyone else's raises DoesNotExist."""
    return service_revision_list_for_staff(user=user).prefetch_related(_CONTRIBUTORS).get(pk=pk)


def provider_revision_list_for_staff(*, user: User) -> QuerySet[ProviderRevision]:
    """Every change to the person's providers' directory entries."""
    return ProviderRevision.objects.filter(provider__in=content_organisations(user)).select_related(
        "provider", "author", "decided_by"
    )


def provider_revision_list_open_for_staff(*, user: User) -> QuerySet[ProviderRevision]:
    return provider_revision_list_for_staff(user=user).filter(state__in=_OPEN)


def provider_revision_get_for_staff(*, user: User, pk: int) -> ProviderRevision:
    """One change to one of the person's providers; any other raises DoesNotExist."""
    return provider_revision_list_for_staff(user=user).prefetch_related(_CONTRIBUTORS).get(pk=pk)


def service_draft_for_staff(*, user: User, service: Service) -> ServiceRevision | None:
    """The service's draft, when it is one of the person's services."""
    return (
        service_revision_list_for_staff(user=user)
        .filter(service=service, state=RevisionState.DRAFT)
        .first()
    )


def service_in_review_for_staff(*, user: User, service: Service) -> bool:
    """Whether a change to the person's service waits for review."""
    return (
        service_revision_list_for_staff(user=user)
        .filter(service=service, state=RevisionState.IN_REVIEW)
        .exists()
    )


def provider_draft_for_staff(*, user: User, provider: Organisation) -> ProviderRevision | None:
    """The draft of the person's provider's directory entry, if any."""
    return (
        provider_revision_list_for_staff(user=user)
        .filter(provider=provider, state=RevisionState.DRAFT)
        .first()
    )


def service_versions_for_staff(*, user: User, service: Service) -> QuerySet[ServiceRevision]:
    """The published versions of the person's service, as its history lists them."""
    return service_revision_list_for_staff(user=user).filter(
        service=service, state=RevisionState.PUBLISHED
    )


def feedback_list_for_staff(*, user: User) -> QuerySet[PageFeedback]:
    """The public's "Is this page useful?" answers on the person's services
    (newest first, by the model). Reports of a problem with a page are cases
    now, in the complaints queue; one kept here (the catalogue on its own,
    with no app to file it) has no vote and is left out too."""
    return PageFeedback.objects.filter(
        service__in=service_list_for_staff(user=user), useful__isnull=False
    ).select_related("service")


def feedback_count_unresolved_for_staff(*, user: User) -> int:
    return feedback_list_for_staff(user=user).filter(is_resolved=False).count()


def service_list_popular(*, limit: int = POPULAR_COUNT) -> list[Service]:
    return list(service_list_published().order_by("-popularity", "slug")[:limit])


def _with_service_count(queryset: QuerySet) -> QuerySet:
    published = Q(services__is_published=True, services__provider__is_active=True)
    return queryset.annotate(service_count=Count("services", filter=published, distinct=True))


# Aggregation drops Meta.ordering, so each list gives its order again.
_TAXONOMY_ORDER = ("position", "slug")


def taxonomy_lists() -> dict[str, QuerySet[Any]]:
    """Audiences, categories and life events for browsing, without counts."""
    return {
        "audiences": Audience.objects.order_by(*_TAXONOMY_ORDER),
        "categories": Category.objects.order_by(*_TAXONOMY_ORDER),
        "life_events": LifeEvent.objects.order_by(*_TAXONOMY_ORDER),
    }


class FilterOption(NamedTuple):
    slug: str
    name: str


def search_filter_options(*, language: str) -> dict[str, list[FilterOption]]:
    """The search page's filter lists in ``language``: audiences, topics and
    providers. The same for every search, so read once per catalogue version
    and kept as long as a cached page (an edit shows as soon as a cached page
    would show it)."""
    name = _name_order(language)

    def read() -> dict[str, list[FilterOption]]:
        return {
            "audiences": _options(Audience.objects.order_by(*_TAXONOMY_ORDER), name),
            "categories": _options(Category.objects.order_by(*_TAXONOMY_ORDER), name),
            "providers": _options(provider_options(language=language), name),
        }

    return catalogue_cached(f"catalogue:search:filters:{language}", read, PAGE_TIMEOUT)


def _options(queryset: QuerySet[Any], name: str) -> list[FilterOption]:
    return [FilterOption(*row) for row in queryset.values_list("slug", name)]


def _name_order(language: str) -> str:
    return "name_ar" if language == "ar" else "name_en"


def provider_list(*, language: str) -> QuerySet[Organisation]:
    """Active providers with their number of published services, in the
    alphabetical order of the page's language."""
    return _with_service_count(Organisation.objects.filter(is_active=True)).order_by(
        "kind", _name_order(language)
    )


def provider_options(*, language: str) -> QuerySet[Organisation]:
    """Providers for a filter list: names only, no counts."""
    return Organisation.objects.filter(is_active=True).order_by(_name_order(language))


def provider_get(*, slug: str) -> Organisation:
    return get_object_or_404(Organisation.objects.filter(is_active=True), slug=slug)


@dataclass
class SearchFilters:
    audience: str = ""
    category: str = ""
    provider: str = ""
    online: bool = False

    def apply(self, queryset: QuerySet[Service]) -> QuerySet[Service]:
        if self.audience:
            queryset = queryset.filter(audiences__slug=self.audience)
        if self.category:
            queryset = queryset.filter(categories__slug=self.category)
        if self.provider:
            queryset = queryset.filter(provider__slug=self.provider)
        if self.online:
            queryset = queryset.filter(online=True)
        return queryset


# What a result in a list of services shows (``catalogue/_service_list.html``).
_LISTED_FIELDS = (
    "slug",
    "title_ar",
    "title_en",
    "summary_ar",
    "summary_en",
    "online",
    "provider__slug",
    "provider__name_ar",
    "provider__name_en",
)


@dataclass
class SearchPage:
    ids: list[int] = field(default_factory=list)

    def services(self, start: int, stop: int) -> list[Service]:
        """One page of results, with only what a result shows (not the long
        texts of the service's page)."""
        wanted = self.ids[start:stop]
        listed = service_list_published().filter(pk__in=wanted).only(*_LISTED_FIELDS).order_by()
        found = {s.pk: s for s in listed}
        return [found[pk] for pk in wanted if pk in found]


def service_search_published(*, query: str, filters: SearchFilters) -> SearchPage:
    """Matching published services, best first. Without a query, filters alone
    list services by popularity."""
    candidates = filters.apply(Service.objects.published())
    if query.strip():
        return SearchPage(service_search(query, candidates).service_ids)
    return SearchPage(list(candidates.order_by("-popularity", "slug").values_list("pk", flat=True)))


_TAXONOMY_FIELD = {Audience: "audiences", Category: "categories", LifeEvent: "life_events"}


def _listed_by_popularity(**lookups: Any) -> QuerySet[Service]:
    """The published services ``lookups`` select, most used first, with only
    what a listed service shows (not the long texts of each service's page)."""
    services = service_list_published().filter(**lookups)
    return services.only(*_LISTED_FIELDS).order_by("-popularity")


def services_for(taxonomy: Audience | Category | LifeEvent) -> QuerySet[Service]:
    """A topic's, audience's or life event's published services, as listed."""
    return _listed_by_popularity(**{_TAXONOMY_FIELD[type(taxonomy)]: taxonomy})


def service_list_by_provider(provider: Organisation) -> QuerySet[Service]:
    """A provider's published services, as listed."""
    return _listed_by_popularity(provider=provider)


# A–Z: a service is filed under the first letter of its title, the Arabic
# definite article set aside and every alef form under plain alef
# (core.text.index_letter).
ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _titles(language: str) -> list[tuple[int, str]]:
    field_name = "title_ar" if language == "ar" else "title_en"
    return list(Service.objects.published().values_list("pk", field_name))


def service_list_by_letter(*, letter: str, language: str) -> list[Service]:
    """The published services filed under ``letter``, in index order (the
    article set aside, as the index reads them)."""
    filed = {pk: title for pk, title in _titles(language) if index_letter(title) == letter}
    services = service_list_published().filter(pk__in=filed)
    return sorted(services, key=lambda service: index_key(filed[service.pk]).casefold())


def letters_in_use(*, language: str) -> set[str]:
    return {index_letter(title) for _pk, title in _titles(language)}
