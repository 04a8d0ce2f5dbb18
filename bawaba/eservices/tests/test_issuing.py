"""The issued document: rendered by a worker after the approval is committed
(the approval itself stays quick), safe to issue twice, caught up by the
sweeper when its task was lost; the applicant's page says it is being
prepared until it exists."""

import datetime
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.utils import timezone
from kombu.exceptions import OperationalError

from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.eservices import issuing, tasks
from bawaba.eservices.models import Application, ApplicationState, IssuedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(sent):
    return staff_with_two_step(sent.organisation, "case_worker")


def _approve(client, application, worker):
    client.force_login(worker)
    application.refresh_from_db()
    client.post(
        f"/en/staff/applications/{application.pk}/act/",
        {"move": "claim", "revision": application.revision},
    )
    application.refresh_from_db()
    return client.post(
        f"/en/staff/applications/{application.pk}/act/",
        {"move": "approve", "revision": application.revision, "reason": "approved_collect"},
    )


def test_approving_renders_no_pdf_and_the_applicant_waits_for_it_gracefully(
    client, sent, worker, applicant, django_capture_on_commit_callbacks
):
    render = mock.Mock(wraps=issuing.document_pdf)
    with mock.patch.object(issuing, "document_pdf", render):
        with django_capture_on_commit_callbacks() as after_commit:
            assert _approve(client, sent, worker).status_code == 302
        render.assert_not_called()  # not while the approval is being saved
        sent.refresh_from_db()
        assert sent.state == ApplicationState.APPROVED
        staff_page = client.get(f"/en/staff/applications/{sent.pk}/").content.decode()
        assert "The document is being prepared" in staff_page
        client.force_login(applicant)
        page = client.get(f"/en/applications/{sent.pk}/").content.decode()
        assert "Your document is being prepared" in page
        assert "/certificate/" not in page
        assert client.get(f"/en/applications/{sent.pk}/certificate/").status_code == 404
        for callback in after_commit:
            callback()
        render.assert_called_once()
    page = client.get(f"/en/applications/{sent.pk}/").content.decode()
    assert "being prepared" not in page
    assert f"/en/applications/{sent.pk}/certificate/" in page
    response = client.get(f"/en/applications/{sent.pk}/certificate/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_task_run_twice_issues_one_document(
    client, sent, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _approve(client, sent, worker)
    first = IssuedDocument.objects.get(application=sent)
    assert first.issued_by == worker
    tasks.issue_document.delay(str(sent.pk))
    assert IssuedDocument.objects.filter(application=sent).get() == first


def test_two_runs_at_once_keep_the_first_document(
    client, sent, worker, django_capture_on_commit_callbacks
):
    with mock.patch.object(issuing, "document_dispatch"):  # nothing issued yet
        _approve(client, sent, worker)
    real = issuing.document_pdf
    other: list[IssuedDocument | None] = []

    def meanwhile_another_worker_issues_it(*args, **kwargs):
        pdf = real(*args, **kwargs)
        if not other:
            with mock.patch.object(issuing, "document_pdf", real):
                other.append(issuing.document_issue_for(sent.pk))
        return pdf

    with mock.patch.object(issuing, "document_pdf", meanwhile_another_worker_issues_it):
        kept = issuing.document_issue_for(sent.pk)
    assert kept == other[0]
    assert IssuedDocument.objects.filter(application=sent).count() == 1


# A broker that is down answers differently by transport: a refused connection
# (AMQP, Redis) or a missing folder (the filesystem broker of development).
@pytest.mark.parametrize(
    "outage", [OperationalError("down"), FileNotFoundError("var/broker"), ConnectionError()]
)
def test_with_the_broker_down_the_approval_succeeds_and_the_sweeper_issues_it_later(
    client, sent, worker, django_capture_on_commit_callbacks, outage
):
    with (
        mock.patch.object(tasks.issue_document, "delay", side_effect=outage),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert _approve(client, sent, worker).status_code == 302
    sent.refresh_from_db()
    assert sent.state == ApplicationState.APPROVED
    assert not IssuedDocument.objects.filter(application=sent).exists()
    assert issuing.documents_issue_missing() == 0  # too early: its task may still come
    Application.objects.filter(pk=sent.pk).update(
        decided_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    assert tasks.issue_missing_documents.delay().get() == 1
    assert IssuedDocument.objects.get(application=sent).issued_by == worker
    assert issuing.documents_issue_missing() == 0


def test_nothing_is_issued_for_an_application_that_is_not_approved(sent):
    assert issuing.document_issue_for(sent.pk) is None
    assert not IssuedDocument.objects.exists()


def test_issuing_is_tried_again_after_a_failure():
    """The PDF is rendered by a worker after the approval commits; a failure
    (the file store away a moment) asks the worker to try again later, and
    the wait grows with each try."""
    failing = mock.patch.object(tasks, "document_issue_for", side_effect=OSError("store away"))
    with failing, pytest.raises(Retry) as retry:
        tasks.issue_document.apply(args=("an-application",))
    assert isinstance(retry.value.exc, OSError)
    assert retry.value.when  # a wait before the next try
    assert tasks.issue_document.max_retries == 5
