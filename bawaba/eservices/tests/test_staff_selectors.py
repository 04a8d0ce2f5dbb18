"""The back office reads through the selectors: the queue and case page
scoped to the organisations of the person asking, filtered and flagged by
the rules in one place, in a number of queries that does not grow with the
rows; the definitions scoped to the content staff's services."""

import ast
import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.cases.models import Priority, Visibility
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices import selectors
from bawaba.eservices.case_kind import event_record
from bawaba.eservices.models import Application, ApplicationDocument, EServiceDefinition
from bawaba.eservices.models import ApplicationState as S
from bawaba.eservices.selectors import QueueFilters, application_overdue, application_queue
from bawaba.eservices.tests.samples import application_for, published_eservice
from bawaba.eservices.workflow import MOVE_WORDING, MOVES

TODAY = datetime.date(2026, 3, 10)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("state", "due_on", "overdue"),
    [
        (S.SUBMITTED, YESTERDAY, True),
        (S.IN_REVIEW, YESTERDAY, True),
        (S.AWAITING_APPROVAL, YESTERDAY, True),
        (S.IN_REVIEW, TODAY, False),  # due today is not late yet
        (S.IN_REVIEW, TOMORROW, False),
        (S.IN_REVIEW, None, False),
        (S.MORE_INFORMATION, YESTERDAY, False),  # the clock is stopped
        (S.AWAITING_PAYMENT, YESTERDAY, False),
        (S.APPROVED, YESTERDAY, False),  # decided
        (S.REJECTED, YESTERDAY, False),
        (S.WITHDRAWN, YESTERDAY, False),
    ],
)
def test_an_application_is_overdue_only_while_the_provider_owes_the_decision(
    state, due_on, overdue
):
    assert application_overdue(Application(state=state, due_on=due_on), today=TODAY) is overdue


@pytest.fixture
def queue_setup(db):
    definition = published_eservice(ServiceFactory.create(slug="renew-smart-card"))
    organisation = definition.eservice.service.provider
    worker = staff_with_two_step(organisation, "case_worker")
    other = published_eservice(ServiceFactory.create(slug="elsewhere"))
    # Sent applications carry the moment they were received, which orders
    # those due the same day (oldest first) on every database.
    sent = [timezone.now() - datetime.timedelta(hours=hours) for hours in (5, 4, 3, 2, 1)]
    made = {
        "late": application_for(
            definition, state=S.IN_REVIEW, due_on=YESTERDAY, assignee=worker, submitted_at=sent[0]
        ),
        "soon": application_for(
            definition, state=S.SUBMITTED, due_on=TOMORROW, submitted_at=sent[1]
        ),
        "waiting": application_for(
            definition, state=S.MORE_INFORMATION, due_on=YESTERDAY, submitted_at=sent[2]
        ),
        "unpaid": application_for(definition, state=S.AWAITING_PAYMENT, submitted_at=sent[3]),
        "approved": application_for(
            definition, state=S.APPROVED, due_on=YESTERDAY, submitted_at=sent[4]
        ),
        "draft": application_for(definition, state=S.DRAFT),
        "expired": application_for(definition, state=S.EXPIRED),
        "other_provider": application_for(other, state=S.SUBMITTED, due_on=YESTERDAY),
    }
    return worker, made


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # Soonest due first, those without a due date last; never a draft,
        # an expired draft or another provider's application.
        (QueueFilters(), ["late", "waiting", "approved", "soon", "unpaid"]),
        (QueueFilters(overdue=True), ["late"]),
        (QueueFilters(due_by=TOMORROW), ["late", "soon"]),
        (QueueFilters(due_by=YESTERDAY - datetime.timedelta(days=1)), []),
        (QueueFilters(assignee="me"), ["late"]),
        (QueueFilters(assignee="none"), ["waiting", "approved", "soon", "unpaid"]),
        (QueueFilters(state=S.SUBMITTED), ["soon"]),
        (QueueFilters(state="no-such-state"), ["late", "waiting", "approved", "soon", "unpaid"]),
        (QueueFilters(service="renew-smart-card", state=S.APPROVED), ["approved"]),
        (QueueFilters(service="elsewhere"), []),
    ],
)
def test_the_queue_filters_and_orders_the_person_s_applications(queue_setup, filters, expected):
    worker, made = queue_setup
    names = {application.pk: name for name, application in made.items()}
    found = application_queue(user=worker, filters=filters, today=TODAY)
    assert [names[row.case.pk] for row in found.rows] == expected
    assert [row.overdue for row in found.rows] == [name == "late" for name in expected]


def test_an_urgent_application_comes_first_and_rows_say_when_due_soon(queue_setup):
    worker, made = queue_setup
    Application.objects.filter(pk=made["unpaid"].pk).update(priority=Priority.URGENT)
    found = application_queue(user=worker, filters=QueueFilters())
    assert found.rows[0].case == made["unpaid"]
    soon = {row.case.pk: row.due_soon for row in found.rows}
    assert soon[made["unpaid"].pk] is False  # no due day while waiting for payment
    assert soon[made["late"].pk] is False  # overdue already


def test_someone_without_a_case_role_has_an_empty_queue(queue_setup):
    editor = staff_with_two_step(OrganisationFactory.create(), "editor")
    assert application_queue(user=editor, filters=QueueFilters()).rows == []
    with pytest.raises(Application.DoesNotExist):
        selectors.case_get_for_staff(user=editor, application_id=queue_setup[1]["late"].pk)


def _queries(client, path):
    """The queries of one request, once the session and caches are warm."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_queue_page_reads_in_a_bounded_number_of_queries(
    client, queue_setup, django_assert_max_num_queries
):
    worker, made = queue_setup
    client.force_login(worker)
    few = _queries(client, "/en/staff/applications/")
    definition = made["late"].definition
    for _number in range(30):
        application_for(
            definition,
            state=S.IN_REVIEW,
            due_on=timezone.localdate(),
            assignee=worker,
            applicant=UserFactory.create(),
        )
    assert _queries(client, "/en/staff/applications/") == few
    with django_assert_max_num_queries(10):
        client.get("/en/staff/applications/?overdue=1&assignee=me&service=renew-smart-card")


def test_the_case_page_reads_in_a_bounded_number_of_queries(
    client, queue_setup, django_assert_max_num_queries
):
    worker, made = queue_setup
    application = made["late"]
    client.force_login(worker)
    path = f"/en/staff/applications/{application.pk}/"
    few = _queries(client, path)
    for number in range(20):
        event_record(
            application, "note", worker, text=f"note {number}", visibility=Visibility.STAFF
        )
        ApplicationDocument.objects.create(
            application=application,
            question=f"q{number}",
            original_name=f"file-{number}.pdf",
            content_type="application/pdf",
            size=10,
            file=f"documents/file-{number}.pdf",
        )
    assert _queries(client, path) == few
    with django_assert_max_num_queries(14):
        client.get(path)


def test_content_staff_see_only_their_own_services_definitions(db):
    mine = published_eservice(ServiceFactory.create(slug="renew-smart-card"))
    theirs = published_eservice(ServiceFactory.create(slug="elsewhere"))
    editor = staff_with_two_step(mine.eservice.service.provider, "editor")
    case_worker = staff_with_two_step(theirs.eservice.service.provider, "case_worker")
    services = selectors.definition_services_for_staff(user=editor)
    assert list(services) == [mine.eservice.service]
    assert selectors.definition_latest_by_service(services=services) == {
        mine.eservice.service_id: mine
    }
    assert selectors.definition_get_for_staff(user=editor, pk=mine.pk) == mine
    with pytest.raises(EServiceDefinition.DoesNotExist):
        selectors.definition_get_for_staff(user=editor, pk=theirs.pk)
    # Handling applications is not writing the service's definition.
    assert not selectors.definition_services_for_staff(user=case_worker).exists()


def test_every_staff_move_has_its_words_on_the_case_page():
    staff_moves = {name for name, move in MOVES.items() if move.by_staff}
    assert set(MOVE_WORDING) == staff_moves
    for wording in MOVE_WORDING.values():
        assert wording.weight in {"primary", "secondary", "warning"}


def test_the_applicant_may_withdraw_exactly_where_the_workflow_table_allows(client, db):
    definition = published_eservice(ServiceFactory.create(slug="renew-smart-card"))
    for state in S.values:
        application = application_for(definition, state=state)
        client.force_login(application.applicant)
        html = client.get(f"/en/applications/{application.pk}/").content.decode()
        assert ("Withdraw application" in html) is (state in MOVES["withdraw"].sources), state


def _imported(module: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("module", ["staff_views.py", "definition_views.py", "display.py"])
def test_staff_pages_never_import_the_applicant_s_views(module):
    applicant_views = {
        f"bawaba.eservices.{name}" for name in ("views", "application_views", "verify_views")
    }
    assert not _imported(Path(selectors.__file__).parent / module) & applicant_views
