"""Customer surveys (charter C21): a provider's questions, sent to a random
sample of the people who used its e-services in a period.

Answers are anonymous: a ``Response`` holds no link to the invitation or
the account that answered, only the day it was sent, and its id (and its
answers' ids) are random, so the order in which invitations were used tells
nothing about which response is whose."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bawaba.accounts.models import Organisation
from bawaba.catalogue.models import Service

TITLE_MAX_LENGTH = 200
INTRO_MAX_LENGTH = 2000
QUESTION_MAX_LENGTH = 500
OPTION_MAX_LENGTH = 200
TEXT_ANSWER_MAX_LENGTH = 2000
MAX_QUESTIONS = 50
MAX_OPTIONS = 20
SCALE = range(1, 6)
# What each point of the scale means, shown beside it to people and in results.
SCALE_LABELS = {
    1: _("1 – very dissatisfied"),
    2: _("2 – dissatisfied"),
    3: _("3 – neither satisfied nor dissatisfied"),
    4: _("4 – satisfied"),
    5: _("5 – very satisfied"),
}


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    CHOICE = "choice", _("One choice")
    CHOICES = "choices", _("Several choices")
    SCALE = "scale", _("Scale from 1 to 5")
    TEXT = "text", _("Free text")


def _in_language(arabic: str, english: str) -> str:
    return (arabic or english) if get_language() == "ar" else (english or arabic)


class Survey(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    title_ar = models.CharField(_("title in Arabic"), max_length=TITLE_MAX_LENGTH)
    title_en = models.CharField(_("title in English"), max_length=TITLE_MAX_LENGTH)
    intro_ar = models.TextField(_("introduction in Arabic"), blank=True)
    intro_en = models.TextField(_("introduction in English"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Who was asked: the people who sent an application to one of these
    # services in the period (set when the survey is sent).
    services = models.ManyToManyField(
        Service, verbose_name=_("services"), related_name="+", blank=True
    )
    period_start = models.DateField(_("used from"), null=True, blank=True)
    period_end = models.DateField(_("used until"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    closes_on = models.DateField(_("answers accepted until"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="survey_staff_list")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="draft") | Q(sent_at__isnull=False),
                name="surveys_survey_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _in_language(self.title_ar, self.title_en)

    @property
    def intro(self) -> str:
        return _in_language(self.intro_ar, self.intro_en)

    @property
    def is_draft(self) -> bool:
        return self.state == SurveyState.DRAFT

    def accepts_answers(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state == SurveyState.SENT and (
            self.closes_on is None or today <= self.closes_on
        )


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind of question"), max_length=10, choices=QuestionKind.choices)
    text_ar = models.CharField(_("question in Arabic"), max_length=QUESTION_MAX_LENGTH)
    text_en = models.CharField(_("question in English"), max_length=QUESTION_MAX_LENGTH)
    required = models.BooleanField(_("an answer is required"), default=False)
    # Shown only when an earlier one-choice question was answered with this option.
    condition = models.ForeignKey(
        "Option",
        verbose_name=_("shown only when this option is chosen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"], name="surveys_question_one_per_position"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self.text_ar, self.text_en)

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.CHOICE, QuestionKind.CHOICES)


class Option(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label_ar = models.CharField(_("option in Arabic"), max_length=OPTION_MAX_LENGTH)
    label_en = models.CharField(_("option in English"), max_length=OPTION_MAX_LENGTH)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self.label_ar, self.label_en)


class Invitation(models.Model):
    """One person asked to answer one survey. The link's token is kept only
    as its SHA-256 hash; ``used_at`` makes it one use."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "recipient"], name="surveys_invitation_once_per_survey"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-sent_at"], name="survey_invitation_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.pk}"


class Response(models.Model):
    """One person's answers, with nothing that says whose they are."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    # The day only: a time could be matched with the moment an invitation was used.
    submitted_on = models.DateField(_("sent on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """An answer to one question: the option chosen (one row per option of a
    several-choices question), the point on the scale, or the text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    option = models.ForeignKey(
        Option,
        verbose_name=_("option"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
    )
    scale = models.PositiveSmallIntegerField(_("point on the scale"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "option"], name="survey_answer_counts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale__isnull=True) | Q(scale__gte=1, scale__lte=5),
                name="surveys_answer_scale_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return str(self.pk)
