"""The page people answer a survey on, reached by the one-use link in their
invitation: no sign-in (the link is the key), every question on one page,
then a thank-you page. A used link says it was used; an unknown one is a
404. Nothing here records who answered."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bawaba.participation.surveys.actions import (
    AlreadyAnswered,
    NotAccepting,
    SurveyError,
    survey_answer,
)
from bawaba.participation.surveys.forms import AnswerForm
from bawaba.participation.surveys.models import Invitation
from bawaba.participation.surveys.selectors import invitation_for_token, survey_questions


def _private(response: HttpResponse) -> HttpResponse:
    # The address holds the key: never cached, never sent to another site as a referrer.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_for_token(token)
    if invitation is None:
        raise Http404
    survey = invitation.survey
    if invitation.used_at is not None:
        return _private(render(request, "surveys/answered.html", {"survey": survey}))
    if not survey.accepts_answers():
        return _private(render(request, "surveys/closed.html", {"survey": survey}))
    questions = survey_questions(survey)
    form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(token=token, answers=form.answers())
        except Invitation.DoesNotExist as error:
            raise Http404 from error
        except AlreadyAnswered:
            return _private(render(request, "surveys/answered.html", {"survey": survey}))
        except NotAccepting:
            return _private(render(request, "surveys/closed.html", {"survey": survey}))
        except SurveyError as error:
            form.add_error(None, str(error.message))
        else:
            return redirect("surveys:thanks")
    return _private(
        render(
            request,
            "surveys/answer.html",
            {"survey": survey, "form": form, "questions": questions},
            status=400 if form.errors else 200,
        )
    )


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")
