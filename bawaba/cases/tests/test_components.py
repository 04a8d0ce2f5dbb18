"""The case kit's template components (templates/cases/components) render for
any domain app: here they are filled with plain values, no e-service in sight."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils.translation import override

# Shown in Bahrain's time: 12:30.
WHEN = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)


def person(name: str) -> SimpleNamespace:
    return SimpleNamespace(display_name=name)


def event(**values: object) -> SimpleNamespace:
    fields: dict[str, object] = {
        "get_state_display": "Under review",
        "stage": "",
        "created_at": WHEN,
        "actor": None,
        "staff_only": False,
        "message_ar": "",
        "message_en": "",
        "text": "",
        "message": "",
    }
    fields.update(values)
    return SimpleNamespace(**fields)


class Complaint(SimpleNamespace):
    """A case of another kind, which names its own stages."""

    def stage_label(self, stage: str) -> str:
        return {"triage": "Triage"}[stage]


def render(name: str, **context: object) -> str:
    with override("en"):
        return render_to_string(f"cases/components/{name}.html", context)


def test_a_staff_only_event_is_marked_for_staff_with_who_wrote_it():
    note = event(staff_only=True, text="Called the citizen", actor=person("Mariam Ali"))
    html = render("history", events=[note], for_staff=True)
    assert '<strong class="tag tag--yellow">Internal note</strong>' in html
    assert '<bdi dir="auto">Mariam Ali</bdi>' in html
    assert '<p dir="auto">Called the citizen</p>' in html


def test_the_person_reads_their_message_but_not_who_acted():
    reply = event(
        message="We have fixed the street light.",
        message_ar="أصلحنا إنارة الشارع.",
        message_en="We have fixed the street light.",
        actor=person("Mariam Ali"),
    )
    html = render("history", events=[reply])
    assert '<p dir="auto">We have fixed the street light.</p>' in html
    assert "Mariam Ali" not in html
    assert 'lang="ar"' not in html


def test_staff_read_a_message_in_both_languages():
    reply = event(message_ar="أصلحنا إنارة الشارع.", message_en="We have fixed it.")
    html = render("history", events=[reply], for_staff=True)
    assert '<p lang="ar" dir="rtl">أصلحنا إنارة الشارع.</p>' in html
    assert '<p lang="en" dir="ltr">We have fixed it.</p>' in html


def test_an_event_names_its_stage_as_the_case_names_it():
    html = render("history", events=[event(stage="triage")], case=Complaint())
    assert '<p class="timeline__title">Under review · Triage</p>' in html
    assert '<time datetime="2026-03-01T12:30:00+03:00">1 March 2026, 12:30</time>' in html


def test_typed_text_in_the_history_is_escaped():
    html = render("history", events=[event(text="<script>x</script>")], for_staff=True)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_moves_offer_one_form_each_posted_with_the_revision():
    moves = [
        {"move": "claim", "title": "Take this complaint", "button": "Take it", "weight": "primary"},
        {
            "move": "close",
            "title": "Close",
            "button": "Close it",
            "intro": "The citizen is told.",
            "weight": "warning",
            "form": "",
        },
    ]
    html = render("moves", moves=moves, action="/complaints/7/act/", revision=4)
    assert "<h2>What to do</h2>" in html
    assert html.count('action="/complaints/7/act/"') == 2
    assert html.count('name="revision" value="4"') == 2
    assert '<section class="case-action" aria-labelledby="action-claim">' in html
    assert '<h3 id="action-close">Close</h3>' in html
    assert "<p>The citizen is told.</p>" in html
    assert '<button class="button button--warning" type="submit">Close it</button>' in html
    assert '<button class="button" type="submit">Take it</button>' in html


def test_no_move_open_shows_nothing():
    assert render("moves", moves=[], action="/x/", revision=1).strip() == ""


def test_the_assignee_is_named_in_an_isolate_or_nobody():
    assert render("assignment", assignee=person("Ahmed")).strip() == '<bdi dir="auto">Ahmed</bdi>'
    assert render("assignment", assignee=None).strip() == "Nobody yet"
    assert render("assignment", assignee=None, nobody="—").strip() == "—"


def queue(rows: list[SimpleNamespace], **context: object) -> str:
    page = Paginator(rows, 20).page(1)
    return render(
        "queue_table",
        rows=page.object_list,
        page_obj=page,
        caption="2 complaints",
        subject_heading="Topic",
        due_heading="Reply due by",
        empty="No complaint matches.",
        **context,
    )


def row(**values: object) -> SimpleNamespace:
    fields: dict[str, object] = {
        "reference": "CMP-7K3Q-9MXD",
        "url": "/complaints/1/",
        "subject": "Street lights",
        "status": "Received",
        "colour": "blue",
        "assignee": None,
        "due_on": datetime.date(2026, 3, 10),
        "overdue": False,
        "due_soon": False,
        "received_at": WHEN,
    }
    fields.update(values)
    return SimpleNamespace(**fields)


def test_a_queue_row_links_its_reference_in_an_isolate():
    html = queue([row()])
    assert (
        '<a href="/complaints/1/"><bdi dir="ltr" class="isolate-code">CMP-7K3Q-9MXD</bdi></a>'
    ) in html
    assert '<caption class="table__caption" id="queue-caption">2 complaints</caption>' in html
    assert '<th scope="col">Topic</th>' in html
    assert '<th scope="col">Reply due by</th>' in html
    assert '<strong class="tag tag--blue">Received</strong>' in html


def test_an_overdue_row_is_flagged_and_a_row_due_soon_too():
    html = queue([row(overdue=True, due_soon=True), row(reference="CMP-2", due_soon=True)])
    assert html.count('<strong class="tag tag--red">Overdue</strong>') == 1
    assert html.count('<strong class="tag tag--yellow">Due soon</strong>') == 1
    assert "10 March 2026" in html


def test_a_row_without_a_due_day_or_assignee_shows_a_dash():
    html = queue([row(due_on=None, assignee=None)])
    assert html.count("<td>—") == 2


def test_the_received_column_is_shown_when_asked_for():
    assert '<th scope="col">Received</th>' not in queue([row()])
    html = queue([row(assignee=person("Ahmed"))], show_received=True)
    assert '<th scope="col">Received</th>' in html
    assert '<time datetime="2026-03-01T12:30:00+03:00">1 March 2026, 12:30</time>' in html
    assert '<bdi dir="auto">Ahmed</bdi>' in html


def test_an_empty_queue_says_so():
    html = queue([])
    assert "<table" not in html
    assert "<p>No complaint matches.</p>" in html
