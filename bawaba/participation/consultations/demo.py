"""Demo consultations for ``make run``: one open for comments and one closed
and answered, written by the demo editor and published by the demo
approver of the Information & eGovernment Authority, with comments from
the demo citizen and business. Idempotent: an existing slug is left alone.

``load_demo_participation`` calls ``demo_consultations_load`` after
``load_demo`` has loaded the accounts and the catalogue."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from bawaba.accounts.models import Organisation, User
from bawaba.participation.demo import DemoLoader, demo_loader_register
from bawaba.participation.models import Participant

from .models import (
    Comment,
    Consultation,
    Paragraph,
    Question,
    QuestionKind,
    Response,
    ResponseNote,
    Section,
)

DEMO_FILE = Path(__file__).with_name("demo.json")


def _participant(email: str, name: str, business: str) -> User | None:
    user = User.objects.filter(email=email).first()
    if user is not None:
        Participant.objects.get_or_create(
            user=user, defaults={"display_name": name, "business_name": business}
        )
    return user


@transaction.atomic
def demo_consultations_load() -> int:
    """Load the demo consultations; returns how many were created."""
    rows: list[dict[str, Any]] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    created = 0
    now = timezone.now()
    for row in rows:
        if Consultation.objects.filter(slug=row["slug"]).exists():
            continue
        organisation = Organisation.objects.filter(slug=row["organisation"]).first()
        author = User.objects.filter(email=row["author"]).first()
        approver = User.objects.filter(email=row["approver"]).first()
        if organisation is None or author is None or approver is None:
            continue
        opens = now + datetime.timedelta(days=row["opens_days"])
        closes = now + datetime.timedelta(days=row["closes_days"])
        consultation = Consultation.objects.create(
            slug=row["slug"],
            organisation=organisation,
            author=author,
            title_ar=row["title_ar"],
            title_en=row["title_en"],
            summary_ar=row["summary_ar"],
            summary_en=row["summary_en"],
            opens_at=opens,
            closes_at=closes,
            review_state="published",
            submitted_at=opens,
            submitted_by=author,
            published_at=opens,
            published_by=approver,
            opened_seen_at=opens,
            closed_seen_at=closes if closes <= now else None,
        )
        paragraphs: dict[str, Paragraph] = {}
        for number, section_row in enumerate(row["sections"], start=1):
            section = Section.objects.create(
                consultation=consultation,
                number=number,
                heading_ar=section_row["heading_ar"],
                heading_en=section_row["heading_en"],
            )
            for index, (text_ar, text_en) in enumerate(section_row["paragraphs"], start=1):
                paragraph = Paragraph.objects.create(
                    section=section, number=index, text_ar=text_ar, text_en=text_en
                )
                paragraphs[f"{number}.{index}"] = paragraph
        for position, (q_ar, q_en, choices_ar, choices_en) in enumerate(row["questions"], 1):
            Question.objects.create(
                consultation=consultation,
                position=position,
                text_ar=q_ar,
                text_en=q_en,
                kind=QuestionKind.CHOICE if choices_ar else QuestionKind.TEXT,
                choices_ar=choices_ar,
                choices_en=choices_en,
            )
        for email, name, business, label, body in row["comments"]:
            user = _participant(email, name, business)
            if user is None:
                continue
            Comment.objects.create(
                consultation=consultation,
                paragraph=paragraphs.get(label),
                author=user,
                author_name=business or name,
                is_business=bool(business),
                body=body,
                created_at=min(now, opens + datetime.timedelta(days=1)),
            )
        answer = row.get("response")
        if answer:
            response = Response.objects.create(
                consultation=consultation,
                organisation=organisation,
                author=author,
                review_state="published",
                submitted_at=closes,
                submitted_by=author,
                published_at=closes + datetime.timedelta(days=2),
                published_by=approver,
                told_at=closes + datetime.timedelta(days=2),
                heard_ar=answer["heard_ar"],
                heard_en=answer["heard_en"],
                changed_ar=answer["changed_ar"],
                changed_en=answer["changed_en"],
            )
            for label, note_ar, note_en in answer["notes"]:
                ResponseNote.objects.create(
                    response=response, paragraph=paragraphs[label], text_ar=note_ar, text_en=note_en
                )
        created += 1
    return created


def register_demo() -> None:
    """Give ``load_demo_participation`` this space's loader (from the app's ready())."""
    demo_loader_register(
        DemoLoader(space="consultations", what="consultations", load=demo_consultations_load)
    )
