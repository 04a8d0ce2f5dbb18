"""Fixtures of the consultations tests: a provider with an editor and an
approver, an open consultation with two sections, and people who take part."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from bawaba.accounts.constants import AccountKind, Residency
from bawaba.accounts.models import Organisation, User
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.participation.consultations.models import (
    Consultation,
    Paragraph,
    Question,
    QuestionKind,
    Section,
)
from bawaba.participation.models import Participant

LONG_AGO = timezone.now() - datetime.timedelta(days=400)


def person(name: str = "Maryam", *, business: str = "", **fields: Any) -> User:
    """An established account (not new: its posts are published at once)
    with a name to post under."""
    fields.setdefault("date_joined", LONG_AGO)
    user = UserFactory.create(**fields)
    Participant.objects.create(user=user, display_name=name, business_name=business)
    return user


def consultation_make(
    organisation: Organisation,
    author: User,
    *,
    published: bool = True,
    opens: datetime.timedelta = datetime.timedelta(days=-1),
    closes: datetime.timedelta = datetime.timedelta(days=7),
    slug: str = "consumer-law",
    **fields: Any,
) -> Consultation:
    now = timezone.now()
    consultation = Consultation.objects.create(
        organisation=organisation,
        author=author,
        slug=slug,
        title_ar="مسودة قانون حماية المستهلك",
        title_en="Draft consumer protection law",
        summary_ar="نستطلع آراءكم في مسودة القانون.",
        summary_en="We ask for your views on the draft law.",
        opens_at=now + opens,
        closes_at=now + closes,
        review_state="published" if published else "draft",
        published_at=now if published else None,
        **fields,
    )
    for number in (1, 2):
        section = Section.objects.create(
            consultation=consultation,
            number=number,
            heading_ar=f"الباب {number}",
            heading_en=f"Part {number}",
        )
        for paragraph in (1, 2, 3):
            Paragraph.objects.create(
                section=section,
                number=paragraph,
                text_ar=f"نص الفقرة {number}.{paragraph}",
                text_en=f"Text of paragraph {number}.{paragraph}",
            )
    Question.objects.create(
        consultation=consultation,
        position=1,
        text_ar="هل تؤيدون المسودة؟",
        text_en="Do you support the draft?",
        kind=QuestionKind.CHOICE,
        choices_ar="نعم\nلا",
        choices_en="Yes\nNo",
    )
    Question.objects.create(
        consultation=consultation,
        position=2,
        text_ar="ما الذي ينبغي تغييره؟",
        text_en="What should change?",
    )
    return consultation


@pytest.fixture
def provider(db: Any) -> Organisation:
    return OrganisationFactory.create(name_en="Ministry of Industry", name_ar="وزارة الصناعة")


@pytest.fixture
def editor(provider: Organisation) -> User:
    return staff_with_two_step(provider, "editor")


@pytest.fixture
def approver(provider: Organisation) -> User:
    return staff_with_two_step(provider, "approver")


@pytest.fixture
def consultation(provider: Organisation, editor: User) -> Consultation:
    return consultation_make(provider, editor)


@pytest.fixture
def maryam(db: Any) -> User:
    return person("Maryam A.", email="maryam.private@bawaba.example", cpr="880101234")


@pytest.fixture
def ali(db: Any) -> User:
    return person("Ali", preferred_language="en")


@pytest.fixture
def business(db: Any) -> User:
    return person(
        "Hassan",
        business="Gulf Trading W.L.L.",
        kind=AccountKind.BUSINESS_REPRESENTATIVE,
    )


@pytest.fixture
def visitor(db: Any) -> User:
    return person(
        "Guest", residency=Residency.VISITOR, cpr="", passport_number="P1234567", nationality="GB"
    )
