"""Migration 0009 moves the rows already there onto the case kit's fields:
each history row's state before it and who may read it (internal notes become staff only). On
PostgreSQL the history table's append-only trigger lets only this backfill
through."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bawaba.accounts.tests.factories import UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import ApplicationState as S
from bawaba.eservices.tests.samples import application_for, published_eservice

BEFORE = [("eservices", "0008_definition_contributors")]
AFTER = [("eservices", "0009_case_kit_fields")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_history_rows_get_their_state_before_and_visibility():
    definition = published_eservice(ServiceFactory.create(slug="migrated"))
    worker = UserFactory.create()
    application = application_for(definition, state=S.IN_REVIEW)
    try:
        old = _migrate(BEFORE)
        Event = old.get_model("eservices", "ApplicationEvent")
        moment = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
        for minutes, action, state, internal in [
            (0, "started", S.DRAFT, False),
            (1, "submitted", S.SUBMITTED, False),
            (2, "claim", S.IN_REVIEW, False),
            (3, "note", S.IN_REVIEW, True),
        ]:
            Event.objects.create(
                application_id=application.pk,
                created_at=moment + datetime.timedelta(minutes=minutes),
                actor_id=worker.pk,
                action=action,
                state=state,
                internal=internal,
            )
        new = _migrate(AFTER)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    rows = new.get_model("eservices", "ApplicationEvent").objects.filter(
        application_id=application.pk
    )
    assert list(rows.order_by("created_at").values_list("action", "from_state", "visibility")) == [
        ("started", "", "person"),
        ("submitted", S.DRAFT, "person"),
        ("claim", S.SUBMITTED, "person"),
        ("note", S.IN_REVIEW, "staff"),
    ]
