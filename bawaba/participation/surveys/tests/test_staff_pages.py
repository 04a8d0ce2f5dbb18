"""The provider's survey pages over HTTP: editors and approvers of the
provider write, send, close and read their surveys; everyone else (another
provider's editor, a case worker, a customer) gets a 404 on every page.
Results, the CSV export and every staff page name nobody who answered, and
the list and results pages make a bounded number of queries."""

import csv
import io

import pytest

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, staff_with_two_step
from bawaba.core.models import AuditEvent
from bawaba.participation.surveys import actions
from bawaba.participation.surveys.models import Question, Survey, SurveyState

from .helpers import applied, draft, send

pytestmark = pytest.mark.django_db


def _answer_all(survey, tokens, *, texts=("Longer hours", "=SUM(A1)")):
    first, second, third, *more = survey.questions.order_by("position")
    yes, no = first.options.get(label_en="Yes"), first.options.get(label_en="No")
    for index, token in enumerate(tokens.values()):
        answers = [actions.AnswerInput(second.pk, scale=index % 5 + 1)]
        answers += [
            actions.AnswerInput(question.pk, option_id=option.pk)
            for question in more
            for option in question.options.all()
        ]
        if index < len(texts):
            answers += [
                actions.AnswerInput(first.pk, option_id=no.pk),
                actions.AnswerInput(third.pk, text=texts[index]),
            ]
        else:
            answers.append(actions.AnswerInput(first.pk, option_id=yes.pk))
        actions.survey_answer(token=token, answers=answers)


@pytest.fixture
def answered(editor, survey, service, applicants):
    tokens = send(editor, survey, service)
    _answer_all(survey, tokens)
    return survey


def _pages(survey):
    question = survey.questions.first()
    return [
        "/en/staff/surveys/",
        "/en/staff/surveys/new/",
        f"/en/staff/surveys/{survey.pk}/",
        f"/en/staff/surveys/{survey.pk}/details/",
        f"/en/staff/surveys/{survey.pk}/questions/new/",
        f"/en/staff/surveys/{survey.pk}/questions/{question.pk}/",
        f"/en/staff/surveys/{survey.pk}/send/",
    ]


def test_an_editor_reaches_every_page_of_a_draft(client, editor, survey):
    client.force_login(editor)
    for path in _pages(survey):
        assert client.get(path).status_code == 200, path


def test_an_approver_of_the_provider_may_work_on_surveys_too(client, provider, survey):
    client.force_login(staff_with_two_step(provider, Role.APPROVER))
    assert client.get(f"/en/staff/surveys/{survey.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["other_editor", "case_worker", "customer"])
def test_anyone_else_gets_404_on_every_page_and_action(client, provider, answered, who):
    person = {
        "other_editor": lambda: staff_with_two_step(OrganisationFactory.create(), Role.EDITOR),
        "case_worker": lambda: staff_with_two_step(provider, Role.CASE_WORKER),
        "customer": lambda: answered.invitations.first().recipient,
    }[who]()
    client.force_login(person)
    question = answered.questions.first()
    pk = answered.pk
    gets = [
        f"/en/staff/surveys/{pk}/",
        f"/en/staff/surveys/{pk}/details/",
        f"/en/staff/surveys/{pk}/questions/new/",
        f"/en/staff/surveys/{pk}/questions/{question.pk}/",
        f"/en/staff/surveys/{pk}/send/",
        f"/en/staff/surveys/{pk}/results/",
        f"/en/staff/surveys/{pk}/results.csv",
    ]
    for path in gets:
        assert client.get(path).status_code == 404, path
    posts = [
        f"/en/staff/surveys/{pk}/close/",
        f"/en/staff/surveys/{pk}/questions/{question.pk}/remove/",
        f"/en/staff/surveys/{pk}/questions/{question.pk}/move/",
    ]
    for path in posts:
        assert client.post(path, {"direction": "up"}).status_code == 404, path
    assert Survey.objects.get(pk=pk).state == SurveyState.SENT
    if who == "other_editor":
        assert (
            "Your view of the road permit" not in client.get("/en/staff/surveys/").content.decode()
        )


def test_an_anonymous_visitor_is_sent_to_sign_in(client, survey):
    response = client.get(f"/en/staff/surveys/{survey.pk}/")
    assert response.status_code in (302, 404)
    assert "Your view" not in response.content.decode()


def test_an_editor_writes_a_survey_through_the_pages(client, editor, provider):
    client.force_login(editor)
    response = client.post(
        "/en/staff/surveys/new/",
        {"title_ar": "استبيان", "title_en": "A survey", "intro_ar": "", "intro_en": ""},
    )
    survey = Survey.objects.get()
    assert response["Location"] == f"/en/staff/surveys/{survey.pk}/"
    assert survey.organisation == provider
    assert AuditEvent.objects.filter(action="surveys.survey.created").exists()
    base = f"/en/staff/surveys/{survey.pk}"
    response = client.post(
        f"{base}/questions/new/",
        {
            "kind": "choice",
            "text_ar": "هل كانت الخدمة سريعة؟",
            "text_en": "Was it quick?",
            "options_ar": "نعم\nلا",
            "options_en": "Yes\r\nNo",
            "required": "on",
            "condition": "",
        },
    )
    assert response.status_code == 302
    quick = Question.objects.get()
    assert [o.label_en for o in quick.options.all()] == ["Yes", "No"]
    no = quick.options.get(label_en="No")
    client.post(
        f"{base}/questions/new/",
        {"kind": "text", "text_ar": "لماذا؟", "text_en": "Why?", "condition": str(no.pk)},
    )
    why = Question.objects.get(text_en="Why?")
    assert why.condition == no and why.position == 2
    # Change the first question's wording: its options stay, and so does the condition.
    client.post(
        f"{base}/questions/{quick.pk}/",
        {
            "kind": "choice",
            "text_ar": "هل كانت سريعة؟",
            "text_en": "Was it fast?",
            "options_ar": "نعم\nلا",
            "options_en": "Yes\nNo",
            "condition": "",
        },
    )
    why.refresh_from_db()
    assert why.condition == no
    client.post(f"{base}/questions/{why.pk}/move/", {"direction": "up"})
    assert Question.objects.get(pk=why.pk).position == 2
    html = client.get(f"{base}/").content.decode()
    assert "A question that depends on another must stay after it." in html
    client.post(f"{base}/questions/{why.pk}/remove/")
    assert list(Question.objects.values_list("text_en", flat=True)) == ["Was it fast?"]
    client.post(f"{base}/details/", {"title_ar": "جديد", "title_en": "New title"})
    assert Survey.objects.get().title_en == "New title"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "choice", "options_ar": "نعم", "options_en": "Yes"}, "Give between 2 and 20"),
        (
            {"kind": "choice", "options_ar": "أ\nب\nج", "options_en": "A\nB"},
            "as many options in English as in Arabic",
        ),
        ({"kind": "scale", "text_en": "bad\x00"}, "Null characters are not allowed"),
        ({"kind": "scale", "text_en": "x" * 501}, "at most 500 characters"),
        ({"kind": "scale", "condition": "99999"}, "Select a valid choice"),
        ({"kind": "scale", "condition": "abc"}, "Select a valid choice"),
        ({"kind": "nonsense"}, "Select a valid choice"),
        ({"kind": "text", "text_ar": ""}, "Enter “Question in Arabic”."),
    ],
)
def test_bad_question_input_gets_a_clear_error_and_keeps_the_text(
    client, editor, survey, data, message
):
    client.force_login(editor)
    posted = {"text_ar": "سؤال", "text_en": "Typed question", **data}
    response = client.post(f"/en/staff/surveys/{survey.pk}/questions/new/", posted)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert survey.questions.count() == 3


def test_sending_from_the_page_says_how_many_were_invited(
    client, editor, survey, service, applicants
):
    client.force_login(editor)
    page = client.get(f"/en/staff/surveys/{survey.pk}/send/").content.decode()
    assert "Road permit" in page
    response = client.post(
        f"/en/staff/surveys/{survey.pk}/send/",
        {
            "services": [service.pk],
            "period_start": "٢٠٢٠-٠١-٠١",  # Arabic-Indic digits are read too
            "period_end": str(__import__("django.utils.timezone").utils.timezone.localdate()),
            "sample_size": "3",
            "closes_on": "2099-01-01",
        },
        follow=True,
    )
    assert "The survey is sent: 3 people were invited." in response.content.decode()
    assert survey.invitations.count() == 3
    assert client.get(f"/en/staff/surveys/{survey.pk}/send/").status_code == 404
    assert client.get(f"/en/staff/surveys/{survey.pk}/details/").status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"services": ["abc"]}, "Select a valid choice"),
        ({"services": ["999999"]}, "Select a valid choice"),
        ({"sample_size": "0"}, "greater than or equal to 1"),
        ({"sample_size": "lots"}, "Enter a whole number"),
        ({"period_start": "2026-13-45"}, "Enter a valid date"),
        ({"period_start": "2099-01-02", "period_end": "2099-01-01"}, "today or earlier"),
        ({"closes_on": "2000-01-01"}, "Choose today or a later day."),
    ],
)
def test_bad_sending_input_gets_a_clear_error(client, editor, survey, service, data, message):
    client.force_login(editor)
    posted = {
        "services": [service.pk],
        "period_start": "2020-01-01",
        "period_end": "2020-02-01",
        "sample_size": "3",
        "closes_on": "2099-01-01",
        **data,
    }
    response = client.post(f"/en/staff/surveys/{survey.pk}/send/", posted)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Survey.objects.get(pk=survey.pk).is_draft


def test_results_show_counts_percentages_a_chart_and_a_table_but_nobody_s_identity(
    client, editor, answered, applicants
):
    client.force_login(editor)
    html = client.get(f"/en/staff/surveys/{answered.pk}/results/").content.decode()
    assert "<svg" in html and "<title" in html and "<desc" in html and "<table" in html
    assert "5 answers" in html
    # Two of five said No (40%), three Yes (60%).
    assert "No: 2 (40%)" in html and "Yes: 3 (60%)" in html
    assert "Longer hours" in html and "=SUM(A1)" in html
    pages = [
        html,
        client.get(f"/en/staff/surveys/{answered.pk}/").content.decode(),
        client.get("/en/staff/surveys/").content.decode(),
    ]
    for page in pages:
        for person in applicants:
            for personal in (person.email, person.name_en, person.cpr):
                assert personal not in page


def test_the_csv_has_a_bom_a_row_per_response_and_no_identity(client, editor, answered, applicants):
    client.force_login(editor)
    response = client.get(f"/en/staff/surveys/{answered.pk}/results.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0] == [
        "Question 1: Did you get what you needed?",
        "Question 2: How satisfied are you?",
        "Question 3: What was missing?",
    ]
    assert len(rows) == 6
    assert sorted(row[1] for row in rows[1:]) == ["1", "2", "3", "4", "5"]
    assert "'=SUM(A1)" in body  # never run as a formula
    for person in applicants:
        assert person.email not in body and person.name_en not in body and person.cpr not in body
    arabic = client.get(f"/ar/staff/surveys/{answered.pk}/results.csv").content.decode()
    assert "هل حصلتم على ما احتجتم إليه؟" in arabic


def test_closing_from_the_page(client, editor, answered):
    client.force_login(editor)
    client.post(f"/en/staff/surveys/{answered.pk}/close/")
    assert Survey.objects.get(pk=answered.pk).state == SurveyState.CLOSED
    assert client.get(f"/en/staff/surveys/{answered.pk}/results/").status_code == 200
    response = client.post(f"/en/staff/surveys/{answered.pk}/close/", follow=True)
    assert "Only a survey that was sent can be closed." in response.content.decode()


def test_a_draft_has_no_results_yet(client, editor, survey):
    client.force_login(editor)
    assert client.get(f"/en/staff/surveys/{survey.pk}/results/").status_code == 404
    assert client.get(f"/en/staff/surveys/{survey.pk}/results.csv").status_code == 404


def test_the_list_makes_a_bounded_number_of_queries(
    client, editor, provider, answered, django_assert_max_num_queries
):
    for index in range(10):
        draft(editor, provider, title_en=f"Survey {index}")
    client.force_login(editor)
    client.get("/en/staff/surveys/")
    with django_assert_max_num_queries(10):
        html = client.get("/en/staff/surveys/").content.decode()
    assert "Survey 9" in html
    for index in range(20):
        draft(editor, provider, title_en=f"Later {index}")
    with django_assert_max_num_queries(10):
        html = client.get("/en/staff/surveys/?page=2").content.decode()
    assert "Survey 0" in html and "Later 19" not in html
    assert client.get("/en/staff/surveys/?page=garbled").status_code == 200


def test_the_results_page_makes_a_bounded_number_of_queries(
    client, editor, provider, service, definition, django_assert_max_num_queries
):
    survey = draft(editor, provider)
    for _ in range(3):
        actions.question_save(
            user=editor,
            survey_id=survey.pk,
            data=actions.QuestionInput(
                kind="choices", text_ar="أي", text_en="Which?", options=[("أ", "A"), ("ب", "B")]
            ),
        )
    people = [applied(definition) for _ in range(8)]
    tokens = send(editor, survey, service)
    assert len(tokens) == len(people)
    _answer_all(survey, tokens)
    client.force_login(editor)
    client.get(f"/en/staff/surveys/{survey.pk}/results/")
    with django_assert_max_num_queries(16):
        assert client.get(f"/en/staff/surveys/{survey.pk}/results/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(f"/en/staff/surveys/{survey.pk}/results.csv").status_code == 200
