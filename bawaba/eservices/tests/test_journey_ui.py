"""What the applicant sees of where they are: "Step N of M" on every page of
the journey (in the title too, so a screen reader says it first), and a
decided application that opens with its document."""

import re

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import StaffFactory
from bawaba.eservices.issuing import document_issue
from bawaba.eservices.journey import steps_may_change
from bawaba.eservices.models import Application, ApplicationState
from bawaba.eservices.tests.samples import application_for

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    return " ".join(match.group(1).split())


def _started(client, applicant):
    client.force_login(applicant)
    client.post("/en/services/renew-smart-card/apply/")
    return Application.objects.get(applicant=applicant)


def test_the_first_page_is_step_one_of_the_pages_and_the_check(client, eservice, applicant):
    application = _started(client, applicant)
    html = client.get(f"/en/applications/{application.pk}/pages/applicant/").content.decode()
    assert _title(html).startswith("Step 1 of 5 – ")
    assert '<span class="progress__step">Step 1 of 5</span>' in html
    assert '<progress class="progress__bar" max="5" value="1" aria-hidden="true">' in html
    # The step comes before the page's heading.
    assert html.index("progress__step") < html.index("<h1")


def test_the_second_page_is_step_two(client, eservice, applicant):
    application = _started(client, applicant)
    html = client.get(f"/en/applications/{application.pk}/pages/reason/").content.decode()
    assert _title(html).startswith("Step 2 of 5 – ")


def test_check_your_answers_is_the_last_step(client, eservice, applicant):
    application = _started(client, applicant)
    html = client.get(f"/en/applications/{application.pk}/check/").content.decode()
    assert _title(html).startswith("Step 5 of 5 – Check your answers")
    assert "Step 5 of 5" in html.split("<h1")[0]


def test_the_step_reads_in_arabic(client, eservice, applicant):
    application = _started(client, applicant)
    html = client.get(f"/ar/applications/{application.pk}/pages/applicant/").content.decode()
    assert "progress__step" in html


def test_pages_shown_only_for_some_answers_say_the_count_may_change():
    fixed = {"pages": [{"id": "a"}, {"id": "b"}]}
    conditional = {"pages": [{"id": "a"}, {"id": "b", "show_if": {"question": "x", "equals": 1}}]}
    assert not steps_may_change(fixed)
    assert steps_may_change(conditional)


def test_a_decided_application_shows_its_document_first(client, eservice, applicant):
    application = application_for(
        eservice.definitions.get(),
        applicant=applicant,
        state=ApplicationState.APPROVED,
        submitted_at=timezone.now(),
    )
    document = document_issue(application=application, issued_by=StaffFactory.create())
    client.force_login(applicant)
    html = client.get(f"/en/applications/{application.pk}/").content.decode()
    main = html.split('<main id="main"', 1)[1]
    after_heading = main.split("</h1>", 1)[1]
    first = after_heading.lstrip()
    assert first.startswith('<section class="panel panel--ready" aria-labelledby="ready-heading">')
    assert "Your document is ready" in first[:300]
    assert f"/en/applications/{application.pk}/certificate/" in first.split("</section>")[0]
    assert document.verification_code in first.split("</section>")[0]
    # Said once, not twice further down.
    assert html.count("Download the document (PDF)") == 1


def test_an_application_without_a_document_has_no_ready_panel(client, eservice, applicant):
    application = _started(client, applicant)
    html = client.get(f"/en/applications/{application.pk}/").content.decode()
    assert "Your document is ready" not in html
