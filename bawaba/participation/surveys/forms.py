"""The forms of surveys: the staff's (title, a question, sending) and the
answer form people fill through their link. Every box keeps the portal's
text rules (a length limit, no NUL byte) with a clear message."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bawaba.catalogue.models import Service
from bawaba.core.forms import PortalForm, required_message
from bawaba.core.identifiers import normalise_digits
from bawaba.participation.surveys.actions import (
    MAX_SAMPLE,
    AnswerInput,
    QuestionInput,
    Sending,
    SurveyText,
)
from bawaba.participation.surveys.models import (
    INTRO_MAX_LENGTH,
    MAX_OPTIONS,
    OPTION_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    SCALE_LABELS,
    TEXT_ANSWER_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Option,
    Question,
    QuestionKind,
)

_AR = {"lang": "ar", "dir": "rtl"}
_EN = {"lang": "en", "dir": "ltr"}


def _text(label: Any, attrs: dict[str, str], *, max_length: int, long: bool = False, **kw: Any):  # type: ignore[no-untyped-def]  # a field factory
    widget = forms.Textarea(attrs={**attrs, "rows": 4}) if long else forms.TextInput(attrs=attrs)
    return forms.CharField(label=label, max_length=max_length, widget=widget, **kw)


class SurveyForm(PortalForm):
    """A survey's title and introduction, in both languages."""

    organisation = forms.TypedChoiceField(label=gettext_lazy("Provider"), coerce=int)
    title_ar = _text(gettext_lazy("Title in Arabic"), _AR, max_length=TITLE_MAX_LENGTH)
    title_en = _text(gettext_lazy("Title in English"), _EN, max_length=TITLE_MAX_LENGTH)
    intro_ar = _text(
        gettext_lazy("Introduction in Arabic (optional)"),
        _AR,
        max_length=INTRO_MAX_LENGTH,
        long=True,
        required=False,
    )
    intro_en = _text(
        gettext_lazy("Introduction in English (optional)"),
        _EN,
        max_length=INTRO_MAX_LENGTH,
        long=True,
        required=False,
    )

    def __init__(
        self, *args: Any, organisations: Sequence[tuple[int, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if len(organisations) > 1:
            cast(forms.ChoiceField, self.fields["organisation"]).choices = [
                ("", _("Choose a provider")),
                *organisations,
            ]
        else:
            # One provider (or editing a survey): nothing to choose.
            del self.fields["organisation"]

    def survey_text(self) -> SurveyText:
        data = self.cleaned_data
        return SurveyText(
            title_ar=data["title_ar"],
            title_en=data["title_en"],
            intro_ar=data["intro_ar"],
            intro_en=data["intro_en"],
        )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace("\r", "\n").split("\n") if line.strip()]


class QuestionForm(PortalForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of question"),
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
    )
    text_ar = _text(gettext_lazy("Question in Arabic"), _AR, max_length=QUESTION_MAX_LENGTH)
    text_en = _text(gettext_lazy("Question in English"), _EN, max_length=QUESTION_MAX_LENGTH)
    options_ar = _text(
        gettext_lazy("Options in Arabic, one per line"),
        _AR,
        max_length=MAX_OPTIONS * (OPTION_MAX_LENGTH + 2),
        long=True,
        required=False,
        help_text=gettext_lazy("Only for one choice or several choices: 2 to 20 options."),
    )
    options_en = _text(
        gettext_lazy("Options in English, one per line"),
        _EN,
        max_length=MAX_OPTIONS * (OPTION_MAX_LENGTH + 2),
        long=True,
        required=False,
        help_text=gettext_lazy("The same options in the same order as in Arabic."),
    )
    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)
    condition = forms.TypedChoiceField(
        label=gettext_lazy("When to ask it"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=gettext_lazy(
            "A question can depend on the answer to a one-choice question before it."
        ),
    )

    def __init__(self, *args: Any, conditions: Sequence[Option] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["condition"]).choices = [
            ("", _("Always")),
            *[
                (
                    option.pk,
                    _("Only when question %(number)d is answered “%(option)s”")
                    % {"number": option.question.position, "option": option.label},
                )
                for option in conditions
            ],
        ]

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        options = list(question.options.all())
        return {
            "kind": question.kind,
            "text_ar": question.text_ar,
            "text_en": question.text_en,
            "required": question.required,
            "options_ar": "\n".join(option.label_ar for option in options),
            "options_en": "\n".join(option.label_en for option in options),
            "condition": question.condition_id or "",
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("kind") not in (QuestionKind.CHOICE, QuestionKind.CHOICES):
            data["options"] = []
            return data
        arabic = _lines(data.get("options_ar", ""))
        english = _lines(data.get("options_en", ""))
        if "options_ar" in self.errors or "options_en" in self.errors:
            return data
        for name, lines in (("options_ar", arabic), ("options_en", english)):
            if not 2 <= len(lines) <= MAX_OPTIONS:
                self.add_error(
                    name,
                    _("Give between 2 and %(most)d options, one per line.") % {"most": MAX_OPTIONS},
                )
            elif any(len(line) > OPTION_MAX_LENGTH for line in lines):
                self.add_error(
                    name,
                    _("Each option can be at most %(most)d characters long.")
                    % {"most": OPTION_MAX_LENGTH},
                )
        if not self.errors and len(arabic) != len(english):
            self.add_error(
                "options_en", _("Give as many options in English as in Arabic, in the same order.")
            )
        data["options"] = list(zip(arabic, english, strict=False))
        return data

    def question_input(self) -> QuestionInput:
        data = self.cleaned_data
        return QuestionInput(
            kind=data["kind"],
            text_ar=data["text_ar"],
            text_en=data["text_en"],
            required=data["required"],
            options=data["options"],
            condition_id=data["condition"],
        )


def _digits(data: Any, names: Sequence[str]) -> Any:
    if data is None:
        return None
    data = data.copy()
    for name in names:
        if isinstance(data.get(name), str):
            data[name] = normalise_digits(data[name]).strip()
    return data


class SendForm(PortalForm):
    services = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Ask people who applied for"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    period_start = forms.DateField(
        label=gettext_lazy("Applications sent from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = forms.DateField(
        label=gettext_lazy("Applications sent until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sample_size = forms.IntegerField(
        label=gettext_lazy("How many people to ask"),
        min_value=1,
        max_value=MAX_SAMPLE,
        help_text=gettext_lazy(
            "Chosen at random. Nobody is asked twice, nor when another survey asked them "
            "in the last 30 days."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Answers accepted until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(
        self, data: Any = None, *args: Any, services: Sequence[Service] = (), **kwargs: Any
    ) -> None:
        data = _digits(data, ("period_start", "period_end", "sample_size", "closes_on"))
        super().__init__(data, *args, **kwargs)
        cast(forms.ChoiceField, self.fields["services"]).choices = [
            (service.pk, service.title) for service in services
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        today = timezone.localdate()
        if start and end and start > end:
            self.add_error("period_end", _("The period must end on or after its start."))
        if end and end > today:
            self.add_error("period_end", _("The period must end today or earlier."))
        closes = data.get("closes_on")
        if closes and closes < today:
            self.add_error("closes_on", _("Choose today or a later day."))
        return data

    def sending(self) -> Sending:
        data = self.cleaned_data
        return Sending(
            service_ids=data["services"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            sample_size=data["sample_size"],
            closes_on=data["closes_on"],
        )

    @staticmethod
    def initial_values() -> dict[str, Any]:
        today = timezone.localdate()
        return {
            "period_start": today - datetime.timedelta(days=30),
            "period_end": today,
            "sample_size": 100,
            "closes_on": today + datetime.timedelta(days=30),
        }


class AnswerForm(PortalForm):
    """Every question of a survey on one page, so it works without a script.
    A question that depends on an earlier answer says so in its hint; it is
    read (and required, if it is) only when that answer was given."""

    def __init__(self, *args: Any, questions: Sequence[Question] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.name_of(question)] = self._field(question)

    @staticmethod
    def name_of(question: Question) -> str:
        return f"q{question.pk}"

    def _field(self, question: Question) -> forms.Field:
        label = question.text
        hint = ""
        if question.condition is not None:
            hint = _("Answer only if your answer to “%(question)s” was “%(option)s”.") % {
                "option": question.condition.label,
                "question": question.condition.question.text,
            }
        required = question.required and question.condition is None
        if not question.required:
            hint = f"{hint} {_('Optional.')}".strip()
        common: dict[str, Any] = {"label": label, "required": required, "help_text": hint}
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                choices=[(str(o.pk), o.label) for o in question.options.all()],
                widget=forms.RadioSelect,
                **common,
            )
        if question.kind == QuestionKind.CHOICES:
            return forms.MultipleChoiceField(
                choices=[(str(o.pk), o.label) for o in question.options.all()],
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        if question.kind == QuestionKind.SCALE:
            return forms.ChoiceField(
                choices=[(str(point), label) for point, label in SCALE_LABELS.items()],
                widget=forms.RadioSelect,
                **common,
            )
        return forms.CharField(
            max_length=TEXT_ANSWER_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            **common,
        )

    def _shown(self, question: Question, data: dict[str, Any]) -> bool:
        """Whether the question applies: no condition, or its condition met."""
        if question.condition is None:
            return True
        parent = next((q for q in self.questions if q.pk == question.condition.question_id), None)
        if parent is None or not self._shown(parent, data):
            return False
        return data.get(self.name_of(parent)) == str(question.condition_id)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for question in self.questions:
            name = self.name_of(question)
            if (
                question.condition is not None
                and question.required
                and name not in self.errors
                and self._shown(question, data)
                and not data.get(name)
            ):
                kind = {
                    QuestionKind.CHOICES: "choose_many",
                    QuestionKind.TEXT: "enter",
                }.get(QuestionKind(question.kind), "choose")
                self.add_error(name, required_message(question.text, kind))
        return data

    def answers(self) -> list[AnswerInput]:
        data = self.cleaned_data
        found: list[AnswerInput] = []
        for question in self.questions:
            value = data.get(self.name_of(question))
            if not value or not self._shown(question, data):
                continue
            if question.kind == QuestionKind.CHOICE:
                found.append(AnswerInput(question.pk, option_id=int(value)))
            elif question.kind == QuestionKind.CHOICES:
                found.extend(AnswerInput(question.pk, option_id=int(v)) for v in value)
            elif question.kind == QuestionKind.SCALE:
                found.append(AnswerInput(question.pk, scale=int(value)))
            elif value.strip():
                found.append(AnswerInput(question.pk, text=value))
        return found
