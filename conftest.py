"""Suite-wide fixtures and the rules for optional infrastructure.

Tests marked ``postgres`` need PostgreSQL and tests marked ``browser`` need
Chromium. Without them they are skipped with a reason that pytest prints in its
summary; with BAWABA_REQUIRE_POSTGRES=1 / BAWABA_REQUIRE_BROWSER=1 (set by
.ci/run) a missing dependency fails the test instead.
"""

from __future__ import annotations

import os

import pytest
from django.db import connection


def require_or_skip(variable: str, reason: str) -> None:
    if os.environ.get(variable) == "1":
        pytest.fail(f"{reason} ({variable}=1 makes this mandatory)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _postgres_only(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        require_or_skip(
            "BAWABA_REQUIRE_POSTGRES",
            "needs PostgreSQL: set DATABASE_URL=postgres://… to run it",
        )


@pytest.fixture(scope="module", autouse=True)
def _vacuum_after_each_module(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Tests roll back or truncate what they write, which leaves dead rows
    behind; where PostgreSQL's autovacuum is off (as on some CI machines) they
    pile up and slow every later query. Vacuum between modules."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")


@pytest.fixture(autouse=True)
def _default_language() -> None:
    # Each test starts in the default language (Arabic), whatever the last
    # request of the previous test activated.
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Rate limits and readiness probes live in the cache; no test sees another's.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def citizen(db):  # type: ignore[no-untyped-def]  # shared by every app's tests
    from bawaba.accounts.tests.factories import UserFactory

    return UserFactory.create(email="citizen@bawaba.example")


@pytest.fixture
def staff_member(db):  # type: ignore[no-untyped-def]
    from bawaba.accounts.tests.factories import StaffFactory

    return StaffFactory.create(email="staff@bawaba.example")
