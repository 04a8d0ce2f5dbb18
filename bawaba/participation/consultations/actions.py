"""Changes to consultations: the editors' draft (basics, sections and
paragraphs, questions, attachments) and taking part (comments, support,
answers, while the consultation is open). The scheduler and the official
response are in ``responses.py``.

Four-eyes review is the foundation's (``participation.publishing``); these
functions add what is particular to a consultation."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from bawaba.accounts.constants import Residency
from bawaba.accounts.models import Organisation, User
from bawaba.core.audit import audit_record
from bawaba.core.errors import ApplicationError
from bawaba.participation import actions as participation
from bawaba.participation import posting
from bawaba.participation.models import ContributionState
from bawaba.participation.permissions import can_approve, can_write
from bawaba.participation.publishing import (
    publication_editable,
    publication_touch,
)

from .models import (
    Answer,
    Attachment,
    Comment,
    Consultation,
    Paragraph,
    Phase,
    Question,
    QuestionKind,
    Section,
    Support,
)


class ConsultationError(ApplicationError):
    code = "consultations"


# --- the editors' draft ---------------------------------------------------


def require_writer(user: User, consultation: Consultation) -> None:
    if not can_write(user, consultation.organisation_id):
        raise ConsultationError(_("You cannot edit this."), code="consultations.forbidden")


def _require_draft(user: User, consultation: Consultation) -> None:
    require_writer(user, consultation)
    if not publication_editable(consultation):
        raise ConsultationError(
            _("Only a draft can be changed. Ask an approver to send it back first."),
            code="consultations.not_draft",
        )
    publication_touch(consultation, user)


def audit(action: str, user: User, consultation: Consultation, **data: Any) -> None:
    audit_record(
        action=f"consultations.{action}",
        actor=user,
        data={"consultation": consultation.pk, **data},
    )


@transaction.atomic
def consultation_create(
    *, user: User, organisation: Organisation, fields: dict[str, Any], audiences: Any = ()
) -> Consultation:
    if not can_write(user, organisation.pk):
        raise ConsultationError(_("You cannot edit this."), code="consultations.forbidden")
    consultation = Consultation.objects.create(organisation=organisation, author=user, **fields)
    consultation.audiences.set(audiences)
    audit("consultation.created", user, consultation)
    return consultation


@transaction.atomic
def consultation_update(
    *, user: User, consultation: Consultation, fields: dict[str, Any], audiences: Any = ()
) -> Consultation:
    _require_draft(user, consultation)
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.save()
    consultation.audiences.set(audiences)
    audit("consultation.changed", user, consultation)
    return consultation


@transaction.atomic
def section_save(
    *, user: User, consultation: Consultation, section: Section | None, fields: dict[str, Any]
) -> Section:
    _require_draft(user, consultation)
    if section is None:
        section = Section(consultation=consultation)
    for name, value in fields.items():
        setattr(section, name, value)
    try:
        with transaction.atomic():
            section.save()
    except IntegrityError:
        raise ConsultationError(
            _("Another section has this number."), code="consultations.section_number"
        ) from None
    audit("section.saved", user, consultation, section=section.pk)
    return section


@transaction.atomic
def section_delete(*, user: User, section: Section) -> None:
    _require_draft(user, section.consultation)
    audit("section.deleted", user, section.consultation, section=section.pk)
    section.delete()


@transaction.atomic
def paragraph_save(
    *, user: User, section: Section, paragraph: Paragraph | None, fields: dict[str, Any]
) -> Paragraph:
    _require_draft(user, section.consultation)
    if paragraph is None:
        paragraph = Paragraph(section=section)
    paragraph.section = section
    for name, value in fields.items():
        setattr(paragraph, name, value)
    try:
        with transaction.atomic():
            paragraph.save()
    except IntegrityError:
        raise ConsultationError(
            _("Another paragraph of this section has this number."),
            code="consultations.paragraph_number",
        ) from None
    audit("paragraph.saved", user, section.consultation, paragraph=paragraph.pk)
    return paragraph


@transaction.atomic
def paragraph_delete(*, user: User, paragraph: Paragraph) -> None:
    consultation = paragraph.section.consultation
    _require_draft(user, consultation)
    audit("paragraph.deleted", user, consultation, paragraph=paragraph.pk)
    paragraph.delete()


_BLANK_LINES = re.compile(r"\n\s*\n")


def paste_split(text: str) -> list[str]:
    """The paragraphs of a pasted text: blocks separated by an empty line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(block.split()) for block in _BLANK_LINES.split(text) if block.strip()]


@transaction.atomic
def draft_paste(
    *,
    user: User,
    consultation: Consultation,
    heading_ar: str,
    heading_en: str,
    text_ar: str,
    text_en: str,
) -> Section:
    """A new section at the end of the draft, its paragraphs numbered in the
    order pasted (blocks separated by an empty line, as many in each language)."""
    _require_draft(user, consultation)
    arabic, english = paste_split(text_ar), paste_split(text_en)
    if len(arabic) != len(english):
        raise ConsultationError(
            _(
                "The Arabic text has %(ar)s paragraphs and the English text %(en)s. "
                "Separate paragraphs with an empty line, the same number in each language."
            )
            % {"ar": len(arabic), "en": len(english)},
            code="consultations.paste_mismatch",
        )
    last = consultation.sections.order_by("-number").values_list("number", flat=True).first()
    section = Section.objects.create(
        consultation=consultation,
        number=(last or 0) + 1,
        heading_ar=heading_ar,
        heading_en=heading_en,
    )
    Paragraph.objects.bulk_create(
        Paragraph(section=section, number=index, text_ar=ar, text_en=en)
        for index, (ar, en) in enumerate(zip(arabic, english, strict=True), start=1)
    )
    audit("draft.pasted", user, consultation, section=section.pk, paragraphs=len(arabic))
    return section


@transaction.atomic
def question_save(
    *, user: User, consultation: Consultation, question: Question | None, fields: dict[str, Any]
) -> Question:
    _require_draft(user, consultation)
    if question is None:
        question = Question(consultation=consultation)
    for name, value in fields.items():
        setattr(question, name, value)
    question.save()
    audit("question.saved", user, consultation, question=question.pk)
    return question


@transaction.atomic
def question_delete(*, user: User, question: Question) -> None:
    _require_draft(user, question.consultation)
    audit("question.deleted", user, question.consultation, question=question.pk)
    question.delete()


@transaction.atomic
def attachment_add(
    *, user: User, consultation: Consultation, title_ar: str, title_en: str, upload: UploadedFile
) -> Attachment:
    _require_draft(user, consultation)
    attachment = Attachment(
        consultation=consultation, title_ar=title_ar, title_en=title_en, size=upload.size or 0
    )
    attachment.file.save(f"{timezone.now():%Y%m%d%H%M%S%f}.pdf", upload, save=False)
    attachment.save()
    audit("attachment.added", user, consultation, attachment=attachment.pk)
    return attachment


@transaction.atomic
def attachment_delete(*, user: User, attachment: Attachment) -> None:
    _require_draft(user, attachment.consultation)
    audit("attachment.deleted", user, attachment.consultation, attachment=attachment.pk)
    name = attachment.file.name or ""
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- taking part -----------------------------------------------------------


def taking_part_refusal(
    user: Any, consultation: Consultation, *, now: datetime.datetime | None = None
) -> str | None:
    """Why ``user`` may not comment, support or answer now, or None."""
    refusal = participation.posting_refusal(user)
    if refusal:
        return refusal
    phase = consultation.phase(now)
    if phase == Phase.UPCOMING:
        return _("This consultation is not open yet.")
    if phase != Phase.OPEN:
        return _("This consultation has closed: comments and answers are no longer accepted.")
    if (
        getattr(user, "residency", "") == Residency.VISITOR
        and not consultation.visitors_may_comment
    ):
        return _(
            "This consultation is for citizens, residents and businesses of Bahrain: "
            "visitors cannot take part in it."
        )
    return None


@transaction.atomic
def comment_post(
    *, user: User, consultation: Consultation, paragraph: Paragraph | None, body: str
) -> Comment:
    """A comment on ``paragraph`` (None: on the whole draft), shown under
    the author's chosen name (a business's name for its representative);
    a new account's comment waits for a moderator."""
    refusal = taking_part_refusal(user, consultation)
    if refusal:
        raise participation.PostingError(refusal, code="consultations.closed")
    fields = participation.contribution_fields(user=user, body=body)
    comment = Comment.objects.create(**fields, consultation=consultation, paragraph=paragraph)
    participation.contribution_posted(content=comment)
    return comment


@transaction.atomic
def support_add(*, user: User, comment: Comment) -> bool:
    """``user`` supports someone else's published comment, once; True when
    this added their support."""
    refusal = taking_part_refusal(user, comment.consultation)
    if refusal:
        raise participation.PostingError(refusal, code="consultations.closed")
    if comment.author_id == user.pk:
        raise participation.PostingError(
            _("You cannot support your own comment."), code="consultations.support_own"
        )
    if comment.state != ContributionState.PUBLISHED:
        raise participation.PostingError(
            _("This comment cannot be supported."), code="consultations.support_state"
        )
    _support, created = Support.objects.get_or_create(comment=comment, user=user)
    if created:
        Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") + 1)
        audit_record(
            action="consultations.comment.supported", actor=user, data={"comment": comment.pk}
        )
    return created


@transaction.atomic
def support_withdraw(*, user: User, comment: Comment) -> bool:
    refusal = taking_part_refusal(user, comment.consultation)
    if refusal:
        raise participation.PostingError(refusal, code="consultations.closed")
    deleted, _rows = Support.objects.filter(comment=comment, user=user).delete()
    if deleted:
        Comment.objects.filter(pk=comment.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
    return bool(deleted)


@transaction.atomic
def answers_save(
    *, user: User, consultation: Consultation, answers: dict[int, tuple[str, int | None]]
) -> int:
    """``user``'s answers to the questions (question id → text, choice
    index); an answer given before is replaced. Returns how many were saved."""
    refusal = taking_part_refusal(user, consultation)
    if refusal:
        raise participation.PostingError(refusal, code="consultations.closed")
    participant = participation.participant_get(user)
    if participant is None:
        raise participation.PostingError(
            _("Choose the name shown with your posts first."),
            code="participation.posting.unnamed",
        )
    questions = {question.pk: question for question in consultation.questions.all()}
    saved = 0
    for question_id, (text, choice) in answers.items():
        question = questions.get(question_id)
        if question is None or (not text and choice is None):
            continue
        if question.kind == QuestionKind.CHOICE:
            text = ""
        else:
            choice = None
        Answer.objects.update_or_create(
            question=question,
            author=user,
            defaults={
                "text": posting.body_clean(text),
                "choice": choice,
                "author_name": participant.shown_name,
                "created_at": timezone.now(),
            },
        )
        saved += 1
    if saved:
        audit_record(
            action="consultations.answers.saved",
            actor=user,
            data={"consultation": consultation.pk, "answers": saved},
        )
    return saved


def may_edit(user: Any, consultation: Consultation) -> bool:
    return can_write(user, consultation.organisation_id)


def may_approve(user: Any, consultation: Consultation) -> bool:
    return can_approve(user, consultation.organisation_id)
