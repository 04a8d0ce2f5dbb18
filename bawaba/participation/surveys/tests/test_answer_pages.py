"""The answer page over HTTP: reached by the link alone (no sign-in), all
questions on one page with the dependent one explained, clear errors that
keep what was typed, a thank-you page, a used link that says so, an
unknown one that is a 404, and bad input that is never a 500."""

import pytest

from bawaba.participation.surveys.models import Answer, Invitation, Response

from .helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(editor, survey, service, applicants):
    return next(iter(send(editor, survey, service, size=1).values()))


def _ids(survey):
    first, second, third = survey.questions.order_by("position")
    return first, second, third


def _post(client, token, language="en", **data):
    return client.post(f"/{language}/surveys/answer/{token}/", data)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_page_shows_every_question_and_explains_the_dependent_one(
    client, survey, token, language
):
    response = client.get(f"/{language}/surveys/answer/{token}/")
    assert response.status_code == 200
    html = response.content.decode()
    if language == "en":
        for text in ("Did you get what you needed?", "How satisfied are you?", "What was missing?"):
            assert text in html
        assert "Answer only if your answer to “Did you get what you needed?” was “No”." in html
        assert "5 – very satisfied" in html
    else:
        assert "هل حصلتم على ما احتجتم إليه؟" in html and "ما الذي كان ينقصكم؟" in html
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    )
    assert response["Referrer-Policy"] == "same-origin"


def test_answering_stores_the_answers_and_thanks_the_person(client, survey, token):
    first, second, third = _ids(survey)
    no = first.options.get(label_en="No")
    response = _post(
        client, token, **{f"q{first.pk}": no.pk, f"q{second.pk}": "2", f"q{third.pk}": "Hours"}
    )
    assert response.status_code == 302 and response["Location"] == "/en/surveys/thanks/"
    assert client.get(response["Location"]).status_code == 200
    assert Response.objects.count() == 1
    assert set(Answer.objects.values_list("text", flat=True)) == {"", "Hours"}
    again = client.get(f"/en/surveys/answer/{token}/")
    assert again.status_code == 200 and "already been answered" in again.content.decode()
    assert _post(client, token, **{f"q{first.pk}": no.pk}).status_code == 200
    assert Response.objects.count() == 1


def test_a_dependent_answer_is_dropped_when_its_condition_is_not_met(client, survey, token):
    first, second, third = _ids(survey)
    yes = first.options.get(label_en="Yes")
    _post(client, token, **{f"q{first.pk}": yes.pk, f"q{second.pk}": "5", f"q{third.pk}": "x"})
    assert not Answer.objects.filter(question=third).exists()


def test_missing_answers_get_clear_errors_and_the_text_is_kept(client, survey, token):
    first, second, third = _ids(survey)
    no = first.options.get(label_en="No")
    response = _post(client, token, **{f"q{first.pk}": no.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose an answer to “How satisfied are you?”" in html
    assert "Enter an answer to “What was missing?”" in html
    response = _post(client, token, **{f"q{second.pk}": "3", f"q{third.pk}": "Kept <b>text</b>"})
    html = response.content.decode()
    assert "Choose an answer to “Did you get what you needed?”" in html
    assert "Kept &lt;b&gt;text&lt;/b&gt;" in html
    assert Invitation.objects.get().used_at is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first", "999999", "Select a valid choice"),
        ("first", "abc\x00", "Select a valid choice"),
        ("second", "9", "Select a valid choice"),
        ("third", "x" * 2001, "at most 2000 characters"),
        ("third", "bad\x00text", "Null characters are not allowed"),
    ],
)
def test_bad_input_gets_a_clear_error_never_a_500(client, survey, token, field, value, message):
    first, second, third = _ids(survey)
    no = first.options.get(label_en="No")
    data = {f"q{first.pk}": no.pk, f"q{second.pk}": "3", f"q{third.pk}": "fine"}
    data[f"q{locals()[field].pk}"] = value
    response = _post(client, token, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Response.objects.count() == 0


def test_an_unknown_or_garbled_link_is_a_404(client, token):
    assert client.get("/en/surveys/answer/made-up-token/").status_code == 404
    assert client.get(f"/en/surveys/answer/{'x' * 300}/").status_code == 404
    assert client.post("/en/surveys/answer/made-up-token/", {}).status_code == 404


def test_a_closed_survey_says_so(client, editor, survey, token):
    from bawaba.participation.surveys.actions import survey_close

    survey_close(user=editor, survey_id=survey.pk)
    response = client.get(f"/en/surveys/answer/{token}/")
    assert response.status_code == 200 and "This survey is closed" in response.content.decode()


def test_answering_signed_in_as_someone_else_still_records_nobody(
    client, survey, token, applicants
):
    client.force_login(applicants[-1])
    first, second, _third = _ids(survey)
    yes = first.options.get(label_en="Yes")
    assert _post(client, token, **{f"q{first.pk}": yes.pk, f"q{second.pk}": "4"}).status_code == 302
    assert Response.objects.count() == 1


def test_a_required_question_asked_only_after_an_answer_is_required_only_then(
    client, editor, survey, token
):
    first, second, third = _ids(survey)
    yes = first.options.get(label_en="Yes")
    # After "Yes" the question about what was missing is not asked: no error.
    response = _post(client, token, **{f"q{first.pk}": yes.pk, f"q{second.pk}": "3"})
    assert response.status_code == 302
    assert not Answer.objects.filter(question=third).exists()
