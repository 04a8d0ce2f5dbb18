"""Fixtures of the forum's tests: a theme with a provider offering services in
it, people with a name to post under (established or new accounts), and
moderators of the provider, of another provider and of the portal."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bawaba.accounts.models import Organisation, User
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.catalogue.models import Category
from bawaba.catalogue.tests.factories import CategoryFactory, ServiceFactory
from bawaba.participation.forums import actions
from bawaba.participation.forums.models import Reply, Thread
from bawaba.participation.models import Participant


def person(*, new: bool = False, name: str = "Maryam", **fields: Any) -> User:
    """An account with a name to post under; ``new`` accounts are pre-moderated."""
    joined = timezone.now() - datetime.timedelta(days=1 if new else 60)
    user = UserFactory.create(date_joined=joined, **fields)
    Participant.objects.create(user=user, display_name=name)
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def start(user: User, category: Category, **fields: Any) -> Thread:
    values: dict[str, Any] = {"title": "Renewing a passport", "body": "How long does it take?"}
    values.update(fields)
    return actions.thread_start(user=user, category=category, **values)


def answer(user: User, thread: Thread, body: str = "About a week.", **fields: Any) -> Reply:
    return actions.reply_post(user=user, thread=thread, body=body, **fields)


@pytest.fixture
def theme(db: Any) -> Category:
    return CategoryFactory.create()


@pytest.fixture
def provider(theme: Category) -> Organisation:
    organisation = OrganisationFactory.create(
        name_en="Passports Directorate", name_ar="إدارة الجوازات", slug="passports"
    )
    ServiceFactory.create(provider=organisation, categories=[theme])
    return organisation


@pytest.fixture
def other_provider(db: Any) -> Organisation:
    return OrganisationFactory.create(name_en="Ministry of Health", name_ar="وزارة الصحة")


@pytest.fixture
def portal(db: Any) -> Organisation:
    return OrganisationFactory.create(name_en="The portal", name_ar="البوابة", slug="portal")


@pytest.fixture
def member(db: Any) -> User:
    return person(name="Maryam")


@pytest.fixture
def newcomer(db: Any) -> User:
    return person(new=True, name="Ali", preferred_language="en")


@pytest.fixture
def moderator(provider: Organisation) -> User:
    return staff_with_two_step(provider, "moderator")


@pytest.fixture
def other_moderator(other_provider: Organisation) -> User:
    return staff_with_two_step(other_provider, "moderator")


@pytest.fixture
def portal_moderator(portal: Organisation) -> User:
    return staff_with_two_step(portal, "portal_moderator")


def many_threads(user: User, category: Category, count: int, **fields: Any) -> list[Thread]:
    """Published topics written straight to the database (no hourly limit)."""
    now = timezone.now()
    return Thread.objects.bulk_create(
        Thread(
            author=user,
            author_name="Maryam",
            body="Body",
            title=f"Topic {number}",
            category=category,
            last_activity_at=now - datetime.timedelta(minutes=number),
            **fields,
        )
        for number in range(count)
    )
