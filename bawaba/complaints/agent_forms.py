"""What a contact-centre agent types for a caller (80008001): the caller's
message, about which provider and service, the caller's name and email
address or mobile number, that the agent read the details back and the
caller confirmed them, whether the caller agrees to be contacted, and
optionally when to call them back: within the contact centre's hours."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from bawaba.cases.calendar import WorkingCalendar, calendar_for
from bawaba.catalogue.models import Service
from bawaba.complaints.forms import CallerForm, ContactForm

# The contact centre answers Sunday to Thursday, 08:00 to 17:00 Bahrain time,
# except public holidays (the portal's working calendar's days off).
CONTACT_CENTRE_DAYS = frozenset({6, 0, 1, 2, 3})  # Python weekdays: Sunday … Thursday
CONTACT_CENTRE_OPENS = datetime.time(8)
CONTACT_CENTRE_CLOSES = datetime.time(17)


def within_contact_centre_hours(calendar: WorkingCalendar, moment: datetime.datetime) -> bool:
    """Whether the contact centre is open at ``moment`` (a callback starts
    before closing time)."""
    local = calendar.local(moment)
    return (
        local.weekday() in CONTACT_CENTRE_DAYS
        and calendar.is_working_day(local.date())
        and CONTACT_CENTRE_OPENS <= local.time() < CONTACT_CENTRE_CLOSES
    )


class CallerCaseForm(CallerForm, ContactForm):
    """A case filed by an agent for a caller, over the phone."""

    field_order = [
        "kind",
        "provider",
        "service",
        "subject",
        "details",
        "name",
        "email",
        "mobile",
        "read_back",
        "consent_to_contact",
        "callback_date",
        "callback_time",
    ]

    read_back = forms.BooleanField(
        label=gettext_lazy("I read the details back to the caller and they confirmed them"),
    )
    consent_to_contact = forms.BooleanField(
        label=gettext_lazy("The caller agrees to be contacted"),
        help_text=gettext_lazy(
            "By the portal and the provider, at the email address or mobile number above, "
            "about this case."
        ),
        required=False,
    )
    callback_date = forms.DateField(
        label=gettext_lazy("Call back on (optional)"),
        help_text=gettext_lazy(
            "Sunday to Thursday, except public holidays. Leave it empty if the caller "
            "does not want a call back."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    callback_time = forms.TimeField(
        label=gettext_lazy("Call back at (optional)"),
        help_text=gettext_lazy("Bahrain time, between 08:00 and 17:00."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["person"] = None
        super().__init__(*args, **kwargs)
        del self.fields["about"]
        del self.fields["attachments"]
        del self.fields["identity_withheld"]
        self.fields["name"].label = _("Caller’s name")
        self.fields["email"].label = _("Caller’s email address")
        self.fields["mobile"].label = _("Caller’s mobile number")
        self.fields["provider"].help_text = ""
        language = get_language() or "ar"
        services = (
            Service.objects.published()
            .filter(provider__slug__in=list(self.providers))
            .select_related("provider")
            .order_by("provider__slug", "title_ar" if language == "ar" else "title_en")
        )
        grouped: dict[str, list[tuple[str, str]]] = {}
        for service in services:
            grouped.setdefault(service.provider.name, []).append((service.slug, service.title))
        service_field = forms.ChoiceField(
            label=_("Which service is it about? (optional)"),
            choices=[("", _("No particular service")), *grouped.items()],
            required=False,
        )
        service_field.error_messages["invalid_choice"] = _("Choose a service from the list.")
        self.fields["service"] = service_field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.check_contact(cleaned)
        cleaned["callback_at"] = self._callback(cleaned)
        return cleaned

    def _callback(self, cleaned: dict[str, Any]) -> datetime.datetime | None:
        if "callback_date" in self.errors or "callback_time" in self.errors:
            return None
        day = cast(datetime.date | None, cleaned.get("callback_date"))
        time = cast(datetime.time | None, cleaned.get("callback_time"))
        if day is None and time is None:
            return None
        if day is None:
            self.add_error("callback_date", _("Enter the day to call the caller back."))
            return None
        if time is None:
            self.add_error("callback_time", _("Enter the time to call the caller back."))
            return None
        calendar = calendar_for()
        moment = calendar.at(day, time)
        if not within_contact_centre_hours(calendar, moment):
            self.add_error(
                "callback_time",
                _(
                    "Choose a time when the contact centre is open: Sunday to Thursday, "
                    "08:00 to 17:00 Bahrain time, except public holidays."
                ),
            )
            return None
        if moment <= timezone.now():
            self.add_error("callback_date", _("Choose a day and time in the future."))
            return None
        return moment
