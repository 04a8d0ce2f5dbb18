"""Public consultations on policy drafts (charter C6, C11).

- ``Consultation``: what a provider's editors write and an approver
  publishes (four eyes): a title and summary in both languages, the draft
  as numbered ``Section``s and ``Paragraph``s, ``Attachment``s (PDF),
  ``Question``s, and when it opens and closes. Its phase follows from the
  clock once it is published: upcoming, open, closed, then answered when
  the provider's ``Response`` is published.
- ``Comment``: what people write on a paragraph or on the whole draft (a
  post of the participation foundation, moderated like every other);
  ``Support``: a reader backing someone else's comment; ``Answer``: one
  person's answer to one question.
- ``Response`` and ``ResponseNote``: the provider's official answer after
  closing ("what we heard, what we changed"), with notes on paragraphs,
  published through the same four-eyes review.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from bawaba.catalogue.models import Audience
from bawaba.participation.models import Contribution, PublicationFields

TITLE_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 2000
PARAGRAPH_MAX_LENGTH = 5000


def private_storage() -> FileSystemStorage:
    """Attachments are kept where no web server serves them; the portal
    hands them out itself (a published consultation's to anyone, a draft's
    to its provider's staff)."""
    return FileSystemStorage(location=settings.PRIVATE_FILES_ROOT, base_url=None)


def _bilingual(item: Any, name: str) -> str:
    arabic, english = getattr(item, f"{name}_ar"), getattr(item, f"{name}_en")
    return str((arabic or english) if get_language() == "ar" else (english or arabic))


class Phase(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("consultation phase", "Not published")
    UPCOMING = "upcoming", pgettext_lazy("consultation phase", "Opening soon")
    OPEN = "open", pgettext_lazy("consultation phase", "Open")
    CLOSED = "closed", pgettext_lazy("consultation phase", "Closed")
    ANSWERED = "answered", pgettext_lazy("consultation phase", "Answered")


PHASE_COLOURS = {
    Phase.DRAFT: "grey",
    Phase.UPCOMING: "blue",
    Phase.OPEN: "green",
    Phase.CLOSED: "yellow",
    Phase.ANSWERED: "grey",
}


def phase_of(
    *,
    published: bool,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    answered: bool,
    now: datetime.datetime,
) -> Phase:
    """The phase of a consultation at ``now`` (pure: table-tested)."""
    if not published:
        return Phase.DRAFT
    if now < opens_at:
        return Phase.UPCOMING
    if now < closes_at:
        return Phase.OPEN
    return Phase.ANSWERED if answered else Phase.CLOSED


class Consultation(PublicationFields):
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title_ar = models.CharField(_("title in Arabic"), max_length=TITLE_MAX_LENGTH, blank=True)
    title_en = models.CharField(_("title in English"), max_length=TITLE_MAX_LENGTH, blank=True)
    summary_ar = models.TextField(_("summary in Arabic"), blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("who it is for"), blank=True, related_name="+"
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    visitors_may_comment = models.BooleanField(_("visitors may take part"), default=False)
    # When the scheduler saw it open and close (its audit rows, written once).
    opened_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="consultations_closes_after_opening"
            )
        ]
        indexes = [models.Index(fields=["review_state", "opens_at", "closes_at"])]

    def __str__(self) -> str:
        return self.title_en or self.title_ar

    @property
    def title(self) -> str:
        return _bilingual(self, "title")

    @property
    def summary(self) -> str:
        return _bilingual(self, "summary")

    def phase(self, now: datetime.datetime | None = None) -> Phase:
        # Lists annotate ``is_answered``; a single page asks once.
        answered = self.__dict__.get("is_answered")
        if answered is None:
            answered = Response.objects.filter(consultation=self, review_state="published").exists()
            self.__dict__["is_answered"] = answered
        return phase_of(
            published=self.is_published,
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            answered=answered,
            now=now or timezone.now(),
        )

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"slug": self.slug})

    def review_link(self) -> tuple[str, dict[str, Any]]:
        return ("staff_consultations:review", {"pk": self.pk})

    def review_gaps(self) -> list[str]:
        gaps = [
            str(getattr(self._meta.get_field(name), "verbose_name", name))
            for name in ("title_ar", "title_en", "summary_ar", "summary_en")
            if not getattr(self, name).strip()
        ]
        paragraphs = Paragraph.objects.filter(section__consultation=self)
        if not paragraphs.exists():
            gaps.append(gettext("at least one paragraph of the draft"))
        elif paragraphs.filter(Q(text_ar="") | Q(text_en="")).exists():
            gaps.append(gettext("the text of every paragraph in both languages"))
        if (
            Section.objects.filter(consultation=self)
            .filter(Q(heading_ar="") | Q(heading_en=""))
            .exists()
        ):
            gaps.append(gettext("the heading of every section in both languages"))
        if (
            Question.objects.filter(consultation=self)
            .filter(Q(text_ar="") | Q(text_en=""))
            .exists()
        ):
            gaps.append(gettext("every question in both languages"))
        return gaps


class Section(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    heading_ar = models.CharField(_("heading in Arabic"), max_length=TITLE_MAX_LENGTH)
    heading_en = models.CharField(_("heading in English"), max_length=TITLE_MAX_LENGTH)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultations_section_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading_en}"

    @property
    def heading(self) -> str:
        return _bilingual(self, "heading")


class Paragraph(models.Model):
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="paragraphs",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_ar = models.TextField(_("text in Arabic"))
    text_en = models.TextField(_("text in English"))

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["section__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "number"], name="consultations_paragraph_number"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Its number in the draft: "2.3" (section 2, paragraph 3)."""
        return f"{self.section.number}.{self.number}"

    @property
    def text(self) -> str:
        return _bilingual(self, "text")


class Attachment(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title_ar = models.CharField(_("title in Arabic"), max_length=TITLE_MAX_LENGTH)
    title_en = models.CharField(_("title in English"), max_length=TITLE_MAX_LENGTH)
    file = models.FileField(_("file"), storage=private_storage, upload_to="consultations/%Y/%m/")
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return _bilingual(self, "title")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    CHOICE = "choice", _("One choice")


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text_ar = models.CharField(_("question in Arabic"), max_length=500)
    text_en = models.CharField(_("question in English"), max_length=500)
    kind = models.CharField(
        _("kind of answer"),
        max_length=10,
        choices=QuestionKind.choices,
        default=QuestionKind.TEXT,
    )
    # One choice a line, the same number of lines in each language.
    choices_ar = models.TextField(_("choices in Arabic"), blank=True)
    choices_en = models.TextField(_("choices in English"), blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text_en

    @property
    def text(self) -> str:
        return _bilingual(self, "text")

    def choice_list(self, language: str | None = None) -> list[str]:
        language = language or get_language() or "ar"
        raw = self.choices_ar if language == "ar" else self.choices_en
        return [line.strip() for line in (raw or "").splitlines() if line.strip()]


class Answer(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author_name = models.CharField(_("shown as"), max_length=150)
    text = models.TextField(_("answer"), blank=True)
    # The index of the chosen line (the same in both languages), or None.
    choice = models.PositiveSmallIntegerField(_("choice"), null=True, blank=True)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    author_id: int

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["question", "author"], name="consultations_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.author_id}"


class Comment(Contribution):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    # None: a comment on the draft as a whole.
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraph"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    support_count = models.PositiveIntegerField(_("support"), default=0)

    paragraph_id: int | None

    class Meta:
        verbose_name = _("comment on a consultation")
        verbose_name_plural = _("comments on consultations")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["consultation", "paragraph", "state", "created_at"],
                name="consultations_comment_list",
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.paragraph_id}: {self.pk}"

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


class Support(models.Model):
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("supported"), default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("support")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="consultations_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.user_id}"


class Response(PublicationFields):
    """The provider's official answer, after closing."""

    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="response",
    )
    heard_ar = models.TextField(_("what we heard, in Arabic"), blank=True)
    heard_en = models.TextField(_("what we heard, in English"), blank=True)
    changed_ar = models.TextField(_("what we changed, in Arabic"), blank=True)
    changed_en = models.TextField(_("what we changed, in English"), blank=True)
    told_at = models.DateTimeField(_("participants told"), null=True, blank=True)

    class Meta:
        verbose_name = _("official response")
        verbose_name_plural = _("official responses")

    def __str__(self) -> str:
        return f"{self.consultation_id}"

    # The four-eyes review names what it reviews by its title, in each language.
    @property
    def title_ar(self) -> str:
        return f"الرد الرسمي: {self.consultation.title_ar}"

    @property
    def title_en(self) -> str:
        return f"Official response: {self.consultation.title_en}"

    @property
    def heard(self) -> str:
        return _bilingual(self, "heard")

    @property
    def changed(self) -> str:
        return _bilingual(self, "changed")

    def review_link(self) -> tuple[str, dict[str, Any]]:
        return ("staff_consultations:response_review", {"pk": self.consultation_id})

    def review_gaps(self) -> list[str]:
        gaps = [
            str(getattr(self._meta.get_field(name), "verbose_name", name))
            for name in ("heard_ar", "heard_en", "changed_ar", "changed_en")
            if not getattr(self, name).strip()
        ]
        if self.pk and self.notes.filter(Q(text_ar="") | Q(text_en="")).exists():
            gaps.append(gettext("every note on a paragraph in both languages"))
        return gaps


class ResponseNote(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="notes"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="+"
    )
    text_ar = models.TextField(_("note in Arabic"), blank=True)
    text_en = models.TextField(_("note in English"), blank=True)

    class Meta:
        verbose_name = _("note on a paragraph")
        verbose_name_plural = _("notes on paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["response", "paragraph"], name="consultations_note")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.paragraph_id}"

    @property
    def text(self) -> str:
        return _bilingual(self, "text")
