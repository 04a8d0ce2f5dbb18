"""Contact us: what a signed-in person, or a visitor without an account,
tells us, checked before it is filed (``actions.complaint_file``); and the
one-time code a visitor types to prove their contact. Attachments are checked
as every upload box of the portal checks them (``core.uploads``)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from bawaba.cases.subjects import Subject, subject_choices, subject_get
from bawaba.catalogue.models import Service
from bawaba.catalogue.selectors import provider_options
from bawaba.complaints.models import Kind
from bawaba.core.forms import DigitsField, PortalForm
from bawaba.core.identifiers import normalise_mobile
from bawaba.core.text import text_box_errors
from bawaba.core.uploads import CONTENT_TYPES, upload_check, upload_hint, upload_limit

SUBJECT_LIMIT = 200
NAME_LIMIT = 150
DETAILS_LIMIT = 5000
MAX_ATTACHMENTS = 3
ATTACHMENT_KINDS = ["pdf", "jpeg", "png"]
# A choice of something of the person's: its kind and id, as one value.
_SEPARATOR = ":"


def _attachments_hint() -> str:
    return _("Up to %(count)s files. %(accepts)s") % {
        "count": MAX_ATTACHMENTS,
        "accepts": upload_hint(ATTACHMENT_KINDS),
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to ``MAX_ATTACHMENTS`` files, each checked by content and size."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(CONTENT_TYPES[kind] for kind in ATTACHMENT_KINDS)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        uploads = [upload for upload in (data or []) if upload]
        if not isinstance(data, list | tuple) and data:
            uploads = [data]
        if len(uploads) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Choose no more than %(count)s files.") % {"count": MAX_ATTACHMENTS},
                code="too_many",
            )
        checked = []
        for upload in uploads:
            try:
                checked.append(upload_check(upload, ATTACHMENT_KINDS, upload_limit()))
            except ValidationError as error:
                name = str(upload.name or "")[:100]
                raise ValidationError(
                    _("“%(name)s”: %(problem)s") % {"name": name, "problem": error.messages[0]},
                    code=error.code,
                ) from error
        return checked


def published_service(slug: object) -> Service | None:
    """The published service a link or a hidden box names, or None for
    anything that is not a slug (a NUL byte, say, which PostgreSQL refuses)."""
    text = str(slug or "")[:100]
    if not text or not validators.slug_re.fullmatch(text):
        return None
    return Service.objects.published().filter(slug=text).first()


class ContactForm(PortalForm):
    """What the person tells us, about which provider, and (optionally)
    which of its services or which of their applications."""

    kind = forms.ChoiceField(
        label=gettext_lazy("What would you like to tell us?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
    )
    provider = forms.ChoiceField(
        label=gettext_lazy("Which provider is it about?"),
        help_text=gettext_lazy(
            "The government entity or company whose service it concerns. "
            "We pass your message to them."
        ),
    )
    service = forms.CharField(required=False, widget=forms.HiddenInput)
    about = forms.ChoiceField(
        label=gettext_lazy("Is it about one of your applications or closed cases? (optional)"),
        help_text=gettext_lazy(
            "If it is, we pass your message to the provider who handled it. A message about "
            "a closed case appeals its outcome."
        ),
        required=False,
    )
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        help_text=gettext_lazy("A few words, for example “Late renewal of my licence”."),
        max_length=SUBJECT_LIMIT,
    )
    details = forms.CharField(
        label=gettext_lazy("Tell us what happened"),
        help_text=gettext_lazy(
            "Give dates, places and reference numbers if you have them. Do not include "
            "passwords or bank card numbers."
        ),
        max_length=DETAILS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    compliment_for = forms.CharField(
        label=gettext_lazy("If it is a compliment, who is it for? (optional)"),
        help_text=gettext_lazy("A team, a service centre or a member of staff."),
        max_length=200,
        required=False,
    )
    attachments = AttachmentsField(
        label=gettext_lazy("Attachments (optional)"),
        help_text=lazy(_attachments_hint, str)(),
        required=False,
    )
    identity_withheld = forms.BooleanField(
        label=gettext_lazy("Do not show my name and contact details to the provider"),
        help_text=gettext_lazy(
            "The provider will read your message without knowing who sent it. Bawaba's "
            "complaints team still sees who you are, and every reply still reaches you. "
            "If your message is about one of your applications, the provider may be able "
            "to tell it is yours."
        ),
        required=False,
    )

    def __init__(self, *args: Any, person: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        language = get_language() or "ar"
        self.providers = {
            organisation.slug: organisation for organisation in provider_options(language=language)
        }
        provider_field = cast(forms.ChoiceField, self.fields["provider"])
        provider_field.choices = [
            ("", _("Choose a provider")),
            *((slug, organisation.name) for slug, organisation in self.providers.items()),
        ]
        self.subjects: dict[str, Subject] = {
            f"{subject.kind}{_SEPARATOR}{subject.id}": subject
            for subject in subject_choices(person)
        }
        about_field = cast(forms.ChoiceField, self.fields["about"])
        about_field.choices = [
            ("", _("No")),
            *((value, subject.label) for value, subject in self.subjects.items()),
        ]
        about_field.error_messages["invalid_choice"] = _(
            "Choose one of your applications or cases from the list, or “No”."
        )
        provider_field.error_messages["invalid_choice"] = _("Choose a provider from the list.")

    @property
    def has_subjects(self) -> bool:
        return bool(self.subjects)

    def _text(self, name: str, limit: int) -> str:
        value = str(self.cleaned_data.get(name) or "")
        problems = text_box_errors(value, limit)
        if problems:
            raise ValidationError(problems)
        if not value.strip():
            raise ValidationError(self.fields[name].error_messages["required"], code="required")
        return value.strip()

    def clean_subject(self) -> str:
        return self._text("subject", SUBJECT_LIMIT)

    def clean_details(self) -> str:
        return self._text("details", DETAILS_LIMIT)

    def clean_about(self) -> Subject | None:
        value = self.cleaned_data.get("about") or ""
        if not value:
            return None
        kind, _separator, subject_id = str(value).partition(_SEPARATOR)
        subject = subject_get(self.person, kind, subject_id)
        if subject is None:
            raise ValidationError(
                self.fields["about"].error_messages["invalid_choice"], code="invalid_choice"
            )
        return subject

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A grievance appeals a decision: one of the person's, when they have
        # some on the portal (otherwise they describe it in the details).
        if (
            cleaned.get("kind") == Kind.GRIEVANCE
            and "about" in self.fields
            and self.has_subjects
            and not cleaned.get("about")
            and "about" not in self.errors
        ):
            self.add_error(
                "about",
                _("Choose the application or case whose decision you are appealing."),
            )
        provider = self.providers.get(str(cleaned.get("provider") or ""))
        cleaned["provider_object"] = provider
        slug = str(cleaned.get("service") or "")
        cleaned["service_object"] = None
        if slug and provider is not None:
            service = published_service(slug)
            if service is None or service.provider_id != provider.pk:
                self.add_error(
                    "provider",
                    _(
                        "The service you came from is not offered by this provider. "
                        "Choose its provider, or go back and start again from the service."
                    ),
                )
            else:
                cleaned["service_object"] = service
        return cleaned

    def note_attachments_lost(self) -> None:
        """A page with a problem cannot keep the files the person chose: say
        so beside the box (and in the summary), so they choose them again."""
        chosen = bool(self.files and self.files.getlist("attachments"))
        if chosen and self.errors and "attachments" not in self.errors:
            self.add_error(
                "attachments",
                _(
                    "Choose your files again: files are not kept when there is a problem "
                    "on the page."
                ),
            )


def _clean_text(form: forms.Form, name: str, limit: int) -> str:
    value = str(form.cleaned_data.get(name) or "")
    problems = text_box_errors(value, limit)
    if problems:
        raise ValidationError(problems)
    return value.strip()


class CallerForm(PortalForm):
    """A name, and an email address and/or a Bahraini mobile number (at
    least one), for someone without an account."""

    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=NAME_LIMIT,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    mobile = DigitsField(
        label=gettext_lazy("Mobile number"),
        help_text=gettext_lazy("A Bahraini mobile number, for example 3600 0000."),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )

    def clean_name(self) -> str:
        value = _clean_text(self, "name", NAME_LIMIT)
        if not value:
            raise ValidationError(self.fields["name"].error_messages["required"], code="required")
        return value

    def clean_mobile(self) -> str:
        value = str(self.cleaned_data.get("mobile") or "")
        return normalise_mobile(value) if value.strip() else ""

    def clean_email(self) -> str:
        return str(self.cleaned_data.get("email") or "").strip().lower()

    def check_contact(self, cleaned: dict[str, Any]) -> None:
        if "email" in self.errors or "mobile" in self.errors:
            return
        if not cleaned.get("email") and not cleaned.get("mobile"):
            self.add_error("mobile", _("Enter an email address or a mobile number, or both."))


class GuestContactForm(CallerForm, ContactForm):
    """Contact us without an account: the same message, with a name and an
    email address or mobile number to reply to. There are no applications to
    choose from, and attachments are chosen with the one-time code."""

    field_order = [
        "kind",
        "provider",
        "service",
        "subject",
        "details",
        "name",
        "email",
        "mobile",
        "identity_withheld",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["person"] = None
        super().__init__(*args, **kwargs)
        del self.fields["about"]
        del self.fields["attachments"]
        del self.fields["compliment_for"]
        self.fields["mobile"].help_text = _(
            "A Bahraini mobile number, for example 3600 0000. If you give one, we send "
            "the code to it by SMS; otherwise we send it to your email address."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.check_contact(cleaned)
        return cleaned


class CodeForm(PortalForm):
    """The one-time code, and (if any) the message's attachments."""

    code = DigitsField(
        label=gettext_lazy("Code"),
        help_text=gettext_lazy("The 6 digits in the message we sent you."),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr"}
        ),
    )
    attachments = AttachmentsField(
        label=gettext_lazy("Attachments (optional)"),
        help_text=lazy(_attachments_hint, str)(),
        required=False,
    )

    def clean_code(self) -> str:
        value = "".join(str(self.cleaned_data.get("code") or "").split())
        if not (value.isdigit() and len(value) == 6):  # six digits
            raise ValidationError(_("Enter the 6 digits of the code."), code="invalid_code")
        return value

    def note_attachments_lost(self) -> None:
        chosen = bool(self.files and self.files.getlist("attachments"))
        if chosen and self.errors and "attachments" not in self.errors:
            self.add_error(
                "attachments",
                _(
                    "Choose your files again: files are not kept when there is a problem "
                    "on the page."
                ),
            )
