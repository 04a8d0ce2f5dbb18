"""The blogs' test people and posts: a provider with an editor and two
approvers, another provider's approver, established and new readers."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from bawaba.accounts.constants import Role
from bawaba.accounts.models import Organisation, User
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.workflow import RevisionState
from bawaba.participation.blogs.models import Post
from bawaba.participation.models import Participant


@pytest.fixture
def provider() -> Organisation:
    return OrganisationFactory.create(
        slug="health", name_en="Ministry of Health", name_ar="وزارة الصحة"
    )


@pytest.fixture
def other_provider() -> Organisation:
    return OrganisationFactory.create(
        slug="works", name_en="Ministry of Works", name_ar="وزارة الأشغال"
    )


@pytest.fixture
def editor(provider: Organisation) -> User:
    return staff_with_two_step(provider, Role.EDITOR, name_en="Huda Editor")


@pytest.fixture
def approver(provider: Organisation) -> User:
    return staff_with_two_step(provider, Role.APPROVER, name_en="Ali Approver")


@pytest.fixture
def editor_approver(provider: Organisation) -> User:
    return staff_with_two_step(provider, Role.EDITOR, Role.APPROVER, name_en="Sara Both")


@pytest.fixture
def outsider_approver(other_provider: Organisation) -> User:
    return staff_with_two_step(other_provider, Role.EDITOR, Role.APPROVER)


def reader_with_name(name: str = "Maryam", *, days_old: int = 60) -> User:
    user = UserFactory.create(date_joined=timezone.now() - datetime.timedelta(days=days_old))
    Participant.objects.create(user=user, display_name=name)
    return user


@pytest.fixture
def reader() -> User:
    return reader_with_name("Maryam")


@pytest.fixture
def new_reader() -> User:
    return reader_with_name("Newcomer", days_old=1)


def published_post(
    organisation: Organisation, author: User, *, slug: str = "clinic-hours", **texts: Any
) -> Post:
    fields: dict[str, Any] = {
        "title_en": "New clinic hours",
        "body_en": "Clinics now open at seven.\n\nThey close at nine.",
        "title_ar": "مواعيد جديدة للعيادات",
        "body_ar": "تفتح العيادات الآن في السابعة.",
    }
    fields.update(texts)
    return Post.objects.create(
        organisation=organisation,
        author=author,
        slug=slug,
        review_state=RevisionState.PUBLISHED,
        published_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def post(provider: Organisation, editor: User) -> Post:
    return published_post(provider, editor)
