"""The forum's forms: starting a topic, replying, and changing one's post.
Each keeps the rules every post keeps (the foundation's ``PostForm``: text
rules and the honeypot); a provider's staff also choose whether they answer
for a provider (an official answer, with a verified badge)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bawaba.accounts.models import Organisation
from bawaba.participation import posting
from bawaba.participation.forms import EditForm, PostForm
from bawaba.participation.forums.models import TITLE_MAX_LENGTH

# The value of "answer as yourself" among the choices of whom one answers for.
YOURSELF = ""


def _title_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Title of the topic"),
        help_text=gettext_lazy("At most 150 characters. Say in a few words what it is about."),
        strip=False,
        widget=forms.TextInput(attrs={"dir": "auto", "maxlength": TITLE_MAX_LENGTH}),
    )


class _OfficialMixin:
    """Whom a member of a provider's staff posts for: themselves, or one of
    their providers (an official answer). Shown only to staff who may."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    _organisations: dict[str, Organisation]

    def _official_field(self, organisations: QuerySet[Organisation] | None) -> None:
        choices = [(str(org.pk), org.name) for org in organisations or []]
        self._organisations = {str(org.pk): org for org in organisations or []}
        if not choices:
            return
        self.fields["answer_for"] = forms.ChoiceField(
            label=gettext_lazy("Post as"),
            choices=[
                (YOURSELF, _("Yourself")),
                *[
                    (value, _("Official answer for %(provider)s") % {"provider": name})
                    for value, name in choices
                ],
            ],
            required=False,
            initial=YOURSELF,
            widget=forms.RadioSelect,
            help_text=gettext_lazy(
                "An official answer is shown under the provider's name with a verified badge."
            ),
        )

    def _check_official_claim(self) -> None:
        """A claim to answer for a provider from someone who is not offered
        the choice (a tampered form) is refused, not quietly dropped."""
        data: Any = getattr(self, "data", {})
        if "answer_for" not in self.fields and str(data.get("answer_for") or ""):
            cast(forms.Form, self).add_error(None, _("You cannot answer for this provider."))

    def official_organisation(self) -> Organisation | None:
        value = str(self.cleaned_data.get("answer_for") or YOURSELF)
        return self._organisations.get(value)


class ThreadForm(_OfficialMixin, PostForm):
    title = _title_field()
    provider = forms.ChoiceField(
        label=gettext_lazy("Provider to answer"),
        help_text=gettext_lazy(
            "Choose the provider your question is about, if there is one: its staff "
            "will read your topic. Otherwise the portal's team looks after it."
        ),
        required=False,
    )
    text_limits = {"title": TITLE_MAX_LENGTH, "body": posting.POST_MAX_LENGTH}
    field_order = ["title", "provider", "body", "answer_for", "website"]

    def __init__(
        self,
        *args: Any,
        providers: QuerySet[Organisation] | None = None,
        official: QuerySet[Organisation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._providers = {str(org.pk): org for org in providers or []}
        provider_field = cast(forms.ChoiceField, self.fields["provider"])
        provider_field.choices = [
            ("", _("No particular provider")),
            *[(value, org.name) for value, org in self._providers.items()],
        ]
        if not self._providers:
            self.fields["provider"].widget = forms.HiddenInput()
        self.fields["body"].label = _("Your question or message")
        self._official_field(official)
        self.order_fields(self.field_order)

    def clean_title(self) -> str:
        return " ".join(
            self._check_text("title", str(self.cleaned_data.get("title") or "")).split()
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_official_claim()
        return cleaned

    def provider_organisation(self) -> Organisation | None:
        return self._providers.get(str(self.cleaned_data.get("provider") or ""))


class ReplyForm(_OfficialMixin, PostForm):
    field_order = ["body", "answer_for", "website"]

    def __init__(
        self, *args: Any, official: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your reply")
        self._official_field(official)
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_official_claim()
        return cleaned


class ThreadEditForm(EditForm):
    title = _title_field()
    text_limits = {"title": TITLE_MAX_LENGTH, "body": posting.POST_MAX_LENGTH}
    field_order = ["title", "body"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def clean_title(self) -> str:
        return " ".join(
            self._check_text("title", str(self.cleaned_data.get("title") or "")).split()
        )
