"""Suite-wide fixtures and the rules for optional infrastructure.

Tests marked ``postgres`` need PostgreSQL and tests marked ``browser`` need
Chromium. Without them they are skipped with a reason that pytest prints in its
summary; with BAWABA_REQUIRE_POSTGRES=1 / BAWABA_REQUIRE_BROWSER=1 (set by
.ci/run) a missing dependency fails the test instead.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from typing import Any

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
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def citizen(db):  # type: ignore[no-untyped-def]  # shared by every app's tests
    from bawaba.accounts.tests.factories import UserFactory

    return UserFactory.create(email="citizen@bawaba.example")


@pytest.fixture
def staff_member(db):  # type: ignore[no-untyped-def]
    from bawaba.accounts.tests.factories import StaffFactory

    return StaffFactory.create(email="staff@bawaba.example")


@pytest.fixture(autouse=True)
def _force_login_passes_two_step() -> Iterator[None]:
    """``Client.force_login`` skips the sign-in form and so its two-step code.
    For an account with two-step verification on, the session it makes counts
    as having typed the code, as a real staff sign-in does. Tests of the
    two-step rule itself sign in through the form instead. (Patched here rather
    than with ``monkeypatch``, which some tests undo.)"""
    from unittest import mock

    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled
    from django.test.client import ClientMixin

    from bawaba.accounts.two_step import two_step_mark_passed

    original = ClientMixin.force_login

    def force_login(self: ClientMixin, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            session = self.session
            two_step_mark_passed(session=session, user=user)
            session.save()

    with mock.patch.object(ClientMixin, "force_login", force_login):
        yield


# The tests' merchants and billers on the sandbox (config/settings/test.py has the same secrets).
SANDBOX_MERCHANTS = {"TEST-MERCHANT": "test-secret", "OTHER-MERCHANT": "other-secret"}
SANDBOX_BILLERS = {
    "ewa": "ewa-secret",
    "traffic": "traffic-secret",
    "telecom": "telecom-secret",
    "cooling": "cooling-secret",
}


@pytest.fixture(scope="session")
def _sandbox_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The external parties' sandbox (sandboxes/), a real process for the whole
    session: the payment gateway and the billers, with no way into our database."""
    from sandboxes.process import SandboxProcess

    with SandboxProcess(
        data_dir=tmp_path_factory.mktemp("sandbox"),
        merchants=SANDBOX_MERCHANTS,
        billers=SANDBOX_BILLERS,
        retry_base=0.05,
        retries=3,
    ) as sandbox:
        yield sandbox


@pytest.fixture
def sandbox(_sandbox_process: Any, settings: Any) -> Iterator[Any]:
    """The sandbox, with the portal pointed at it; its fault switches are put
    back after each test."""
    settings.PAYMENTS_SANDBOX_URL = _sandbox_process.url
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(_sandbox_process.url)
    settings.CONTENT_SECURITY_POLICY = policy
    yield _sandbox_process
    _sandbox_process.control(
        down=False, drop_notifications=False, gateway_delay=0, billers_down=False
    )
