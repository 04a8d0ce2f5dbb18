import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from bawaba.core.audit import audit_record
from bawaba.core.models import AppendOnlyError, AuditEvent


@pytest.mark.django_db
def test_audit_record_keeps_who_what_when_and_where(rf, django_user_model):
    user = django_user_model.objects.create_user("a@bawaba.example", "x" * 12, kind="staff")
    request = rf.get("/", REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="TestBrowser/1.0")
    request.user = user
    event = audit_record(action="core.test.done", request=request, data={"n": 1})
    event.refresh_from_db()
    assert event.actor == user
    assert event.ip_address == "192.0.2.10"
    assert event.user_agent == "TestBrowser/1.0"
    assert event.created_at is not None
    assert event.data == {"n": 1}


@pytest.mark.django_db
def test_client_address_is_taken_from_the_trusted_proxy(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    event = audit_record(action="core.test.proxy", request=request)
    assert event.ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted():
    event = audit_record(action="core.test.append_only")
    event.action = "core.test.tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_refuses_to_change_audit_events_even_with_raw_sql():
    event = audit_record(action="core.test.database_guard")
    for statement in (
        "UPDATE core_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
