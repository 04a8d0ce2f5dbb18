"""The case kit's models. The working calendar as data: public holidays,
working hours and the periods of Ramadan, which portal administrators keep up
to date in the administration site (every deadline reads them through
``calendar.py``). And the abstract base of every case's history table
(``AppendOnlyEvent``), which adds no table of its own."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.models import Organisation
from bawaba.core.models import AppendOnlyError, TimeStampedModel


class Priority(models.IntegerChoices):
    """How urgent a case is: the queue shows the most urgent first (the
    lowest number), then the soonest due."""

    URGENT = 1, _("Urgent")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")
    LOW = 4, _("Low")


class CaseFields(models.Model):
    """The abstract fields of a case, which a domain app's case model inherits
    (adding no table of its own): where it stands, which organisation handles
    it and who works on it, how urgent it is, the moment it is due by,
    when its clock stopped while the organisation waited for the person, and
    its revision. The app names its own states: it declares ``state`` again
    with its choices, and ``reference`` with its length."""

    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    state = models.CharField(_("state"), max_length=20)
    # Every staff query is scoped to the organisation with one indexed condition.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    # The moment the next step is due (deadlines.py), overdue after it: the
    # last moment of the due day for a deadline in working days, the moment
    # itself for one in working hours. Empty while no clock runs.
    due_at = models.DateTimeField(_("due by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Where a review with stages has got to.
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    # While the organisation waits for the person, the clock stops.
    paused_at = models.DateTimeField(_("waiting for the applicant since"), null=True, blank=True)
    # Raised on every change: a stale form (another tab, another person) is refused.
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


_E = TypeVar("_E", bound="AppendOnlyEvent")


class AppendOnlyQuerySet(models.QuerySet[_E]):
    """Refuses to change or delete rows in bulk (``update()``, ``delete()``)."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(self.model.changed_refusal)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self.model.deleted_refusal)


class Visibility(models.TextChoices):
    """Who may read a history row: the person the case is about and staff,
    or staff only (an internal note)."""

    PERSON = "person", _("The person and staff")
    STAFF = "staff", _("Staff only")


class AppendOnlyEvent(models.Model):
    """The abstract base of a case's history row: who did what and when, from
    which state to which, a note, and who may read it. Rows are added, never
    changed or deleted. The model refuses in Python (``save()`` of a saved
    row, ``delete()``, and the queryset's ``update()`` and ``delete()``); on
    PostgreSQL the table's ``core.migration_operations.AppendOnlyTrigger``
    refuses even raw SQL. A subclass adds the link to its case, declares
    ``state`` again with its choices, and names its refusals."""

    changed_refusal: ClassVar[str] = "A history row cannot be changed."
    deleted_refusal: ClassVar[str] = "A history row cannot be deleted."

    created_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("state before"), max_length=20, blank=True)
    state = models.CharField(_("state after"), max_length=20)
    # A text as its writer wrote it (a staff note, the person's answer).
    text = models.TextField(_("text"), blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PERSON
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(self.changed_refusal)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self.deleted_refusal)

    @property
    def staff_only(self) -> bool:
        return self.visibility == Visibility.STAFF


class HolidaySource(models.TextChoices):
    CALCULATED = "calculated", _("Calculated calendar")
    DECLARED = "declared", _("Declared by an administrator")


class Weekday(models.IntegerChoices):
    # Python's numbering (date.weekday()), listed from Sunday as the week starts here.
    SUNDAY = 6, _("Sunday")
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")


class Holiday(TimeStampedModel):
    """One day of the national calendar that differs from the working week:
    a public holiday or a declared day off, or (``is_day_off`` cleared) a
    calculated holiday that is not taken on this day after all. Moving a
    holiday is clearing one day and adding another."""

    day = models.DateField(_("day"), unique=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150)
    is_day_off = models.BooleanField(
        _("day off"),
        default=True,
        help_text=_(
            "Clear this when a holiday from the calculated calendar is not taken on this day "
            "(for example when the official announcement moves it): the day becomes an "
            "ordinary day of the working week again."
        ),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=HolidaySource.choices, default=HolidaySource.DECLARED
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("The announcement or decision behind this day, for the record."),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name}"

    @property
    def name(self) -> str:
        return self.name_ar if get_language() == "ar" else self.name_en


class WorkingHours(TimeStampedModel):
    """When one weekday's working time opens and closes (Asia/Bahrain). The rows
    without an organisation are the portal-wide week; an organisation with
    rows of its own has its own week instead. A weekday without a row is not a
    working day. The Ramadan rows replace the others during Ramadan."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for the hours of every organisation without hours of its own."),
    )
    in_ramadan = models.BooleanField(_("in Ramadan"), default=False)
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        ordering = ["organisation_id", "in_ramadan", "weekday"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="cases_hours_close_after_opening"
            ),
            models.UniqueConstraint(
                fields=["in_ramadan", "weekday"],
                condition=Q(organisation__isnull=True),
                name="cases_hours_one_default_per_day",
            ),
            models.UniqueConstraint(
                fields=["organisation", "in_ramadan", "weekday"],
                condition=Q(organisation__isnull=False),
                name="cases_hours_one_per_organisation_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class RamadanPeriod(TimeStampedModel):
    """The days of one Ramadan, first and last included, when the Ramadan hours apply."""

    starts_on = models.DateField(_("first day"), unique=True)
    ends_on = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("Ramadan")
        verbose_name_plural = _("Ramadan periods")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="cases_ramadan_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"
