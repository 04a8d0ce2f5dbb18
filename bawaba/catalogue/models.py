from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.models import Organisation
from bawaba.catalogue.constants import Availability
from bawaba.catalogue.workflow import RevisionState
from bawaba.core.models import TimeStampedModel

_SLUG_MARK = "slug-mark"
_SERVICE_ADDRESSES: dict[tuple[str | None, str, object], str] = {}


def _service_address(slug: str) -> str:
    """A service page's address: reversed once per language, address prefix
    and URL configuration, then the slug put in (a list of results asks for
    twenty of them; a slug is letters, digits and hyphens, never quoted)."""
    key = (get_language(), get_script_prefix(), get_urlconf())
    pattern = _SERVICE_ADDRESSES.get(key)
    if pattern is None:
        pattern = reverse("catalogue:service", kwargs={"slug": _SLUG_MARK})
        _SERVICE_ADDRESSES[key] = pattern
    return pattern.replace(_SLUG_MARK, slug, 1)


def _in_language(obj: object, field: str) -> str:
    value: str = getattr(obj, f"{field}_ar" if get_language() == "ar" else f"{field}_en")
    return value


class Taxonomy(models.Model):
    """A bilingual way of browsing services: audience, category or life event."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    description_ar = models.CharField(_("description in Arabic"), max_length=300, blank=True)
    description_en = models.CharField(_("description in English"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def description(self) -> str:
        return _in_language(self, "description")


class Audience(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def get_absolute_url(self) -> str:
        return reverse("catalogue:audience", kwargs={"slug": self.slug})


class Category(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def get_absolute_url(self) -> str:
        return reverse("catalogue:category", kwargs={"slug": self.slug})


class LifeEvent(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("life event")
        verbose_name_plural = _("life events")

    def get_absolute_url(self) -> str:
        return reverse("catalogue:life_event", kwargs={"slug": self.slug})


class ServiceQuerySet(models.QuerySet["Service"]):
    def published(self) -> ServiceQuerySet:
        return self.filter(is_published=True, provider__is_active=True)


class Service(TimeStampedModel):
    """A catalogue entry: what a provider offers, how to get it, what it costs.

    Text fields come in pairs; a service is published only with both languages
    complete (see ``bilingual_gaps``).
    """

    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    provider = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="services"
    )
    title_ar = models.CharField(_("title in Arabic"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    summary_ar = models.TextField(_("what it is, in Arabic"))
    summary_en = models.TextField(_("what it is, in English"))
    eligibility_ar = models.TextField(_("who can use it, in Arabic"))
    eligibility_en = models.TextField(_("who can use it, in English"))
    documents_ar = models.TextField(_("documents needed, in Arabic"), blank=True)
    documents_en = models.TextField(_("documents needed, in English"), blank=True)
    fee_fils = models.PositiveIntegerField(_("fee in fils"), null=True, blank=True)
    fee_note_ar = models.CharField(_("about the fee, in Arabic"), max_length=300, blank=True)
    fee_note_en = models.CharField(_("about the fee, in English"), max_length=300, blank=True)
    processing_time_ar = models.CharField(_("processing time in Arabic"), max_length=200)
    processing_time_en = models.CharField(_("processing time in English"), max_length=200)
    processing_days = models.PositiveSmallIntegerField(
        _("processing time in working days"), null=True, blank=True
    )
    online = models.BooleanField(_("apply online"), default=False)
    online_url = models.URLField(_("online service address"), blank=True)
    in_person = models.BooleanField(_("apply in person"), default=False)
    by_phone = models.BooleanField(_("apply by phone"), default=False)
    how_to_apply_ar = models.TextField(_("how to apply, in Arabic"))
    how_to_apply_en = models.TextField(_("how to apply, in English"))
    keywords_ar = models.TextField(_("search keywords in Arabic"), blank=True)
    keywords_en = models.TextField(_("search keywords in English"), blank=True)
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("audiences"), related_name="services"
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), related_name="services"
    )
    life_events = models.ManyToManyField(
        LifeEvent, verbose_name=_("life events"), related_name="services", blank=True
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("related services"), symmetrical=False, blank=True
    )
    popularity = models.PositiveIntegerField(_("visits a month"), default=0, db_index=True)
    availability = models.CharField(
        _("availability"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
    )
    availability_note_ar = models.CharField(
        _("availability notice in Arabic"), max_length=300, blank=True
    )
    availability_note_en = models.CharField(
        _("availability notice in English"), max_length=300, blank=True
    )
    is_published = models.BooleanField(_("published"), default=False)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_by = models.DateField(_("review by"), null=True, blank=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["title_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(online=False) | ~Q(online_url=""),
                name="catalogue_service_online_has_url",
            ),
        ]
        # What a search reads of every service it reaches, without the table's
        # long texts (PostgreSQL's INCLUDE; a plain index elsewhere).
        indexes = [
            models.Index(
                fields=["id"],
                include=["provider", "popularity", "is_published"],
                name="catalogue_service_search",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return _service_address(self.slug)

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def summary(self) -> str:
        return _in_language(self, "summary")

    @property
    def eligibility(self) -> str:
        return _in_language(self, "eligibility")

    @property
    def documents(self) -> list[str]:
        return [line for line in _in_language(self, "documents").splitlines() if line.strip()]

    @property
    def fee_note(self) -> str:
        return _in_language(self, "fee_note")

    @property
    def processing_time(self) -> str:
        return _in_language(self, "processing_time")

    @property
    def how_to_apply(self) -> str:
        return _in_language(self, "how_to_apply")

    @property
    def availability_note(self) -> str:
        return _in_language(self, "availability_note")

    @cached_property
    def theme(self) -> Category | None:
        """The service's first topic: its page's breadcrumb, and the forum
        where people ask about it. Read once per service object."""
        return self.categories.only("slug", "name_ar", "name_en").first()

    @property
    def reviewer_name(self) -> str:
        """The name of whoever last reviewed the page, in the page's language
        when they gave it: read by ``selectors.service_get_published`` (""
        elsewhere, or when the reviewer gave no name)."""
        ours, other = ("ar", "en") if get_language() == "ar" else ("en", "ar")
        name: str | None = getattr(self, f"reviewer_name_{ours}", None) or getattr(
            self, f"reviewer_name_{other}", None
        )
        return name or ""

    @property
    def applies_on_portal(self) -> bool:
        """Whether people apply on Bawaba itself: the service has an e-service
        that is not retired (its page then links to the portal's own form)."""
        eservice = getattr(self, "eservice", None)  # the e-services app's one-to-one
        return eservice is not None and eservice.retired_at is None


class SearchTerm(models.Model):
    """The search vocabulary: every distinct normalised term in the catalogue.

    Small (thousands of rows), so typo matching runs over it, with pg_trgm on
    PostgreSQL and in Python elsewhere.
    """

    term = models.CharField(max_length=60, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term


class ServiceTerm(models.Model):
    """The inverted index: which service carries which term, with what weight."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=60)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "term"], name="catalogue_serviceterm_unique")
        ]
        # A search reads the index by term only: on PostgreSQL the services and
        # weights are in the index too, so the table itself is never read.
        indexes = [
            models.Index(
                fields=["term"], include=["service", "weight"], name="catalogue_serviceterm_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.weight})"


class PageFeedback(TimeStampedModel):
    """'Is this page useful?' and 'Report a problem with this page', for the provider."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="feedback"
    )
    useful = models.BooleanField(_("useful"), null=True, blank=True)
    problem = models.TextField(_("problem reported"), blank=True)
    language = models.CharField(_("language"), max_length=2)
    is_resolved = models.BooleanField(_("dealt with"), default=False)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.service.slug}: {self.created_at:%Y-%m-%d}"


_OPEN_STATES = Q(state__in=["draft", "in_review"])
# Four eyes, enforced by the database too for the last author (a check cannot see
# ``contributors``; the publishing actions refuse every contributor).
_FOUR_EYES = ~Q(state="published") | ~Q(decided_by=models.F("author"))


class Revision(TimeStampedModel):
    """A proposed or published version of some catalogue content.

    ``data`` holds every editable field in both languages, so a published
    revision is a complete record of what the public saw. Subclasses say whose
    content it is (``owner``) and which organisation approves it.
    """

    state = models.CharField(
        _("state"), max_length=20, choices=RevisionState.choices, default=RevisionState.DRAFT
    )
    data = models.JSONField(_("content"))
    # Whoever saved it last; every earlier writer stays in ``contributors``.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contributors"),
        blank=True,
        related_name="+",
        help_text=_("Everyone who saved this version; none of them may approve it."),
    )
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.owner_slug} ({self.get_state_display()})"

    def contributed_by(self, user: object) -> bool:
        """Whether ``user`` saved this version at any point (four eyes: they may not
        approve it, even if someone else saved it last)."""
        user_id = getattr(user, "pk", None)
        if user_id is None:
            return False
        return self.author_id == user_id or self.contributors.filter(pk=user_id).exists()

    @property
    def organisation(self) -> Organisation:
        raise NotImplementedError

    @property
    def owner_slug(self) -> str:
        raise NotImplementedError


class ServiceRevision(Revision):
    """A version of a service page: its text, fee, channels and taxonomy slugs."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="revisions"
    )

    class Meta(Revision.Meta):
        verbose_name = _("service revision")
        verbose_name_plural = _("service revisions")
        constraints = [
            models.CheckConstraint(condition=_FOUR_EYES, name="catalogue_revision_four_eyes"),
            models.UniqueConstraint(
                fields=["service"],
                condition=_OPEN_STATES,
                name="catalogue_revision_one_open_per_service",
            ),
        ]

    @property
    def organisation(self) -> Organisation:
        return self.service.provider

    @property
    def owner_slug(self) -> str:
        return self.service.slug


class ProviderRevision(Revision):
    """A version of a provider's directory entry: description and contact details."""

    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )

    class Meta(Revision.Meta):
        verbose_name = _("provider page revision")
        verbose_name_plural = _("provider page revisions")
        constraints = [
            models.CheckConstraint(
                condition=_FOUR_EYES, name="catalogue_providerrevision_four_eyes"
            ),
            models.UniqueConstraint(
                fields=["provider"],
                condition=_OPEN_STATES,
                name="catalogue_providerrevision_one_open",
            ),
        ]

    @property
    def organisation(self) -> Organisation:
        return self.provider

    @property
    def owner_slug(self) -> str:
        return self.provider.slug
