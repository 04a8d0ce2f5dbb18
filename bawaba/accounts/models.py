from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from bawaba.accounts.constants import AccountKind, OrganisationKind, Residency, Role
from bawaba.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True, kind=AccountKind.STAFF)
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: an individual, a business representative or staff.

    ``is_staff`` keeps Django's meaning (may use the admin, i.e. a portal
    administrator); provider staff have ``kind=staff`` and memberships.
    """

    email = models.EmailField(_("email address"), unique=True)
    name_ar = models.CharField(_("full name in Arabic"), max_length=150, blank=True)
    name_en = models.CharField(_("full name in English"), max_length=150, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=12, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("ar", _("Arabic")), ("en", _("English"))],
        default="ar",
    )
    contact_by_email = models.BooleanField(_("messages by email"), default=True)
    contact_by_sms = models.BooleanField(_("messages by SMS"), default=False)

    kind = models.CharField(
        _("account kind"),
        max_length=30,
        choices=AccountKind.choices,
        default=AccountKind.INDIVIDUAL,
    )
    residency = models.CharField(
        _("residency"), max_length=10, choices=Residency.choices, blank=True
    )
    cpr = models.CharField(_("CPR number"), max_length=9, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    # Flat, building, road, block and area (core.forms.ADDRESS_PARTS), for
    # "tell us once": e-service address questions start with it.
    address = models.JSONField(_("home address"), default=dict, blank=True)

    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("portal administrator"),
        default=False,
        help_text=_("May use the administration site."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["cpr"], condition=~Q(cpr=""), name="accounts_user_cpr_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="staff") | ~Q(residency=""),
                name="accounts_user_customer_has_residency",
            ),
            models.CheckConstraint(
                condition=~Q(residency__in=["citizen", "resident"]) | ~Q(cpr=""),
                name="accounts_user_citizen_resident_has_cpr",
            ),
            models.CheckConstraint(
                condition=~Q(residency="visitor") | (~Q(passport_number="") & ~Q(nationality="")),
                name="accounts_user_visitor_has_passport",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "ar":
            return self.name_ar or self.name_en or self.email
        return self.name_en or self.name_ar or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def name_is_registered(self) -> bool:
        """A customer's name is the name as registered: given when the account
        is created, printed as the holder of the documents issued to them, and
        corrected only by a portal administrator (never from the profile).
        Staff accounts keep naming themselves."""
        return self.kind != AccountKind.STAFF

    @property
    def is_staff_account(self) -> bool:
        """Staff of a provider or a portal administrator: two-step verification is mandatory."""
        return self.kind == AccountKind.STAFF or self.is_staff or self.is_superuser


# What an organisation's public provider page says: changed only through
# four-eyes review (the catalogue's provider page versions), never directly.
PROVIDER_PAGE_FIELDS = (
    "description_ar",
    "description_en",
    "address_ar",
    "address_en",
    "opening_hours_ar",
    "opening_hours_en",
    "email",
    "phone",
    "website",
)


class Organisation(TimeStampedModel):
    """A government entity or private provider that offers services through the portal."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    address_ar = models.TextField(_("address in Arabic"), blank=True)
    address_en = models.TextField(_("address in English"), blank=True)
    opening_hours_ar = models.TextField(_("opening hours in Arabic"), blank=True)
    opening_hours_en = models.TextField(_("opening hours in English"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ar if get_language() == "ar" else self.name_en

    @property
    def description(self) -> str:
        return self.description_ar if get_language() == "ar" else self.description_en

    def get_absolute_url(self) -> str:
        # The provider's public page lives in the catalogue.
        return reverse("catalogue:provider", kwargs={"slug": self.slug})

    @property
    def address(self) -> str:
        return self.address_ar if get_language() == "ar" else self.address_en

    @property
    def opening_hours(self) -> str:
        return self.opening_hours_ar if get_language() == "ar" else self.opening_hours_en


class Membership(TimeStampedModel):
    """A staff member's role in an organisation. One row per role held."""

    user = models.ForeignKey(
        User, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="accounts_membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
