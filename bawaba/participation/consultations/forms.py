"""The forms of consultations: a comment, answers to the questions, and the
editors' forms (basics with dates and times in Bahrain, a section, a
paragraph, a pasted draft, a question, an attachment, the response)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bawaba.cases.calendar import BAHRAIN
from bawaba.catalogue.models import Audience
from bawaba.core.forms import PortalForm
from bawaba.core.uploads import DocumentField
from bawaba.participation import posting
from bawaba.participation.forms import PostForm, TextRulesMixin

from .models import (
    PARAGRAPH_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Consultation,
    Question,
    QuestionKind,
)

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ANSWER_MAX_LENGTH = 2000


class CommentForm(PostForm):
    """A comment; the paragraph is the page's."""

    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        help_text=gettext_lazy(
            "At most 5,000 characters. Everyone can read it under the name shown with your "
            "posts. Do not share personal details such as CPR numbers or phone numbers."
        ),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )


class AnswersForm(TextRulesMixin, PortalForm):
    """One field a question: free text, or one of its choices."""

    def __init__(self, *args: Any, questions: list[Question], language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = question.text_ar if language == "ar" else question.text_en
            name = f"question_{question.pk}"
            if question.kind == QuestionKind.CHOICE:
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    choices=list(enumerate(question.choice_list(language))),
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    strip=False,
                    help_text=gettext_lazy("At most 2,000 characters."),
                    widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
                )
        self.text_limits = {f"question_{question.pk}": ANSWER_MAX_LENGTH for question in questions}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = False
        for question in self.questions:
            name = f"question_{question.pk}"
            value = cleaned.get(name)
            if question.kind == QuestionKind.TEXT:
                value = str(value or "")
                if value.strip():
                    try:
                        cleaned[name] = self._check_text(name, value)
                    except forms.ValidationError as error:
                        self.add_error(name, error)
                        continue
                    given = True
                else:
                    cleaned[name] = ""
            elif value not in (None, ""):
                given = True
        if not given and not self.errors:
            raise forms.ValidationError(_("Answer at least one question."))
        return cleaned

    def answers(self) -> dict[int, tuple[str, int | None]]:
        result: dict[int, tuple[str, int | None]] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"question_{question.pk}")
            if question.kind == QuestionKind.CHOICE:
                if value not in (None, ""):
                    result[question.pk] = ("", int(value))
            elif value:
                result[question.pk] = (str(value), None)
        return result


class _TextForm(TextRulesMixin, PortalForm):
    """Every text box checked by the posting rules (length, NUL byte)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.text_limits:
            value = cleaned.get(name)
            if isinstance(value, str) and value:
                try:
                    cleaned[name] = self._check_text(name, value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


def _char(label: Any, *, rows: int = 0, required: bool = True, lang: str = "") -> forms.CharField:
    attrs: dict[str, Any] = {"dir": "rtl" if lang == "ar" else "ltr"} if lang else {"dir": "auto"}
    if lang:
        attrs["lang"] = lang
    widget: forms.Widget = (
        forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
    )
    return forms.CharField(label=label, required=required, strip=False, widget=widget)


def _bahrain(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=BAHRAIN)


class BasicsForm(_TextForm):
    title_ar = _char(gettext_lazy("Title in Arabic"), lang="ar")
    title_en = _char(gettext_lazy("Title in English"), lang="en")
    summary_ar = _char(gettext_lazy("Summary in Arabic"), rows=4, lang="ar")
    summary_en = _char(gettext_lazy("Summary in English"), rows=4, lang="en")
    audiences = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Who it is for"),
        queryset=Audience.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_on = forms.DateField(
        label=gettext_lazy("Opens on"),
        help_text=gettext_lazy("Bahrain time."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    opens_time = forms.TimeField(
        label=gettext_lazy("Opens at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Closes on"),
        help_text=gettext_lazy("Bahrain time."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    closes_time = forms.TimeField(
        label=gettext_lazy("Closes at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    visitors_may_comment = forms.BooleanField(
        label=gettext_lazy("Visitors to Bahrain may take part too"), required=False
    )
    text_limits = {
        "title_ar": TITLE_MAX_LENGTH,
        "title_en": TITLE_MAX_LENGTH,
        "summary_ar": SUMMARY_MAX_LENGTH,
        "summary_en": SUMMARY_MAX_LENGTH,
    }

    def __init__(
        self,
        *args: Any,
        instance: Consultation | None = None,
        organisations: list[Any] | None = None,
        **kwargs: Any,
    ):
        if instance is not None and "initial" not in kwargs:
            opens = instance.opens_at.astimezone(BAHRAIN)
            closes = instance.closes_at.astimezone(BAHRAIN)
            kwargs["initial"] = {
                "title_ar": instance.title_ar,
                "title_en": instance.title_en,
                "summary_ar": instance.summary_ar,
                "summary_en": instance.summary_en,
                "audiences": list(instance.audiences.all()),
                "opens_on": opens.date(),
                "opens_time": opens.time().replace(second=0, microsecond=0),
                "closes_on": closes.date(),
                "closes_time": closes.time().replace(second=0, microsecond=0),
                "visitors_may_comment": instance.visitors_may_comment,
            }
        super().__init__(*args, **kwargs)
        self.instance = instance
        audiences: Any = self.fields["audiences"]
        audiences.queryset = Audience.objects.all()
        # An editor of more than one provider says whose consultation it is.
        if organisations and len(organisations) > 1:
            self.fields["organisation"] = forms.TypedChoiceField(
                label=gettext_lazy("Provider"),
                choices=[(str(org.pk), org.name) for org in organisations],
                coerce=int,
            )
            self.order_fields(["organisation"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if all(
            cleaned.get(name) for name in ("opens_on", "opens_time", "closes_on", "closes_time")
        ):
            opens = _bahrain(cleaned["opens_on"], cleaned["opens_time"])
            closes = _bahrain(cleaned["closes_on"], cleaned["closes_time"])
            if closes <= opens:
                self.add_error("closes_on", _("The closing date must be after the opening date."))
            cleaned["opens_at"], cleaned["closes_at"] = opens, closes
        return cleaned

    def model_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in ("title_ar", "title_en", "summary_ar", "summary_en", "visitors_may_comment")
        }
        fields["opens_at"] = data["opens_at"]
        fields["closes_at"] = data["closes_at"]
        if self.instance is None:
            fields["slug"] = unique_slug(data["title_en"])
        return fields


def unique_slug(title: str) -> str:
    base = (slugify(title) or "consultation")[:70].strip("-") or "consultation"
    slug, number = base, 2
    while Consultation.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


class SectionForm(_TextForm):
    number = forms.IntegerField(label=gettext_lazy("Section number"), min_value=1, max_value=999)
    heading_ar = _char(gettext_lazy("Heading in Arabic"), lang="ar")
    heading_en = _char(gettext_lazy("Heading in English"), lang="en")
    text_limits = {"heading_ar": TITLE_MAX_LENGTH, "heading_en": TITLE_MAX_LENGTH}


class ParagraphForm(_TextForm):
    number = forms.IntegerField(
        label=gettext_lazy("Paragraph number in its section"), min_value=1, max_value=999
    )
    text_ar = _char(gettext_lazy("Text in Arabic"), rows=5, lang="ar")
    text_en = _char(gettext_lazy("Text in English"), rows=5, lang="en")
    text_limits = {"text_ar": PARAGRAPH_MAX_LENGTH, "text_en": PARAGRAPH_MAX_LENGTH}


class PasteForm(_TextForm):
    heading_ar = _char(gettext_lazy("Heading of the new section in Arabic"), lang="ar")
    heading_en = _char(gettext_lazy("Heading of the new section in English"), lang="en")
    text_ar = _char(gettext_lazy("Text in Arabic"), rows=10, lang="ar")
    text_en = _char(gettext_lazy("Text in English"), rows=10, lang="en")
    text_limits = {
        "heading_ar": TITLE_MAX_LENGTH,
        "heading_en": TITLE_MAX_LENGTH,
        "text_ar": 100_000,
        "text_en": 100_000,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = gettext_lazy("Separate paragraphs with an empty line, as many in each language.")
        self.fields["text_ar"].help_text = hint
        self.fields["text_en"].help_text = hint


class QuestionForm(_TextForm):
    position = forms.IntegerField(label=gettext_lazy("Position"), min_value=1, max_value=999)
    text_ar = _char(gettext_lazy("Question in Arabic"), lang="ar")
    text_en = _char(gettext_lazy("Question in English"), lang="en")
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of answer"),
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
    )
    choices_ar = _char(gettext_lazy("Choices in Arabic"), rows=4, required=False, lang="ar")
    choices_en = _char(gettext_lazy("Choices in English"), rows=4, required=False, lang="en")
    text_limits = {"text_ar": 500, "text_en": 500, "choices_ar": 2000, "choices_en": 2000}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = gettext_lazy(
            "For “One choice”: one choice a line, in the same order in each language."
        )
        self.fields["choices_ar"].help_text = hint
        self.fields["choices_en"].help_text = hint

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == QuestionKind.CHOICE:
            arabic = [x for x in str(cleaned.get("choices_ar") or "").splitlines() if x.strip()]
            english = [x for x in str(cleaned.get("choices_en") or "").splitlines() if x.strip()]
            if len(arabic) < 2:
                self.add_error("choices_ar", _("Give at least two choices, one a line."))
            elif len(arabic) != len(english):
                self.add_error("choices_en", _("Give as many choices in English as in Arabic."))
        return cleaned


class AttachmentForm(_TextForm):
    title_ar = _char(gettext_lazy("Title in Arabic"), lang="ar")
    title_en = _char(gettext_lazy("Title in English"), lang="en")
    file = DocumentField(label=gettext_lazy("File"), kinds=["pdf"], max_bytes=ATTACHMENT_MAX_BYTES)
    text_limits = {"title_ar": TITLE_MAX_LENGTH, "title_en": TITLE_MAX_LENGTH}


class ReviewForm(TextRulesMixin, PortalForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Your decision"),
        choices=[
            ("publish", gettext_lazy("Publish it")),
            ("send_back", gettext_lazy("Send it back to the writer")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the writer"),
        help_text=gettext_lazy("Needed when you send it back."),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    text_limits = {"note": 2000}

    def clean_note(self) -> str:
        value = str(self.cleaned_data.get("note") or "")
        return self._check_text("note", value) if value.strip() else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "send_back" and not cleaned.get("note"):
            self.add_error("note", _("Say what needs to change: the writer reads your note."))
        return cleaned


class ResponseForm(_TextForm):
    heard_ar = _char(gettext_lazy("What we heard, in Arabic"), rows=5, lang="ar", required=False)
    heard_en = _char(gettext_lazy("What we heard, in English"), rows=5, lang="en", required=False)
    changed_ar = _char(
        gettext_lazy("What we changed, in Arabic"), rows=5, lang="ar", required=False
    )
    changed_en = _char(
        gettext_lazy("What we changed, in English"), rows=5, lang="en", required=False
    )
    text_limits = {
        "heard_ar": 20_000,
        "heard_en": 20_000,
        "changed_ar": 20_000,
        "changed_en": 20_000,
    }

    def __init__(self, *args: Any, paragraphs: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]  # a tuple default is never mutated
        super().__init__(*args, **kwargs)
        self.text_limits = dict(self.text_limits)
        self.paragraphs = list(paragraphs)
        for paragraph in self.paragraphs:
            for language, label in (
                ("ar", gettext_lazy("Note on paragraph %(number)s in Arabic")),
                ("en", gettext_lazy("Note on paragraph %(number)s in English")),
            ):
                name = f"note_{paragraph.pk}_{language}"
                self.fields[name] = _char(
                    str(label) % {"number": paragraph.label}, rows=2, required=False, lang=language
                )
                self.text_limits[name] = posting.POST_MAX_LENGTH

    def notes(self) -> dict[int, tuple[str, str]]:
        return {
            paragraph.pk: (
                str(self.cleaned_data.get(f"note_{paragraph.pk}_ar") or ""),
                str(self.cleaned_data.get(f"note_{paragraph.pk}_en") or ""),
            )
            for paragraph in self.paragraphs
        }

    def text_fields(self) -> dict[str, str]:
        return {
            name: str(self.cleaned_data.get(name) or "")
            for name in ("heard_ar", "heard_en", "changed_ar", "changed_en")
        }
