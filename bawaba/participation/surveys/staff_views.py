"""A provider's surveys (/<lang>/staff/surveys/): the list, writing a draft
and its questions, sending it to a sample, closing it, and its results
with charts, a table and a CSV export. Only the provider's editors and
approvers reach them; anyone else, and anyone else's survey, is a 404.
Results never say who answered."""

from __future__ import annotations

import csv
import io
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_bidi, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bawaba.accounts.models import User
from bawaba.participation.surveys import actions, selectors
from bawaba.participation.surveys.charts import chart
from bawaba.participation.surveys.forms import QuestionForm, SendForm, SurveyForm
from bawaba.participation.surveys.models import Question, Survey, SurveyState
from bawaba.participation.surveys.selectors import (
    survey_answer_rows,
    survey_get_for_staff,
    survey_list_for_staff,
    survey_organisations,
    survey_questions,
    survey_services,
)

_WORKSPACE = (gettext_lazy("Staff workspace"), "staff:workspace")
_LIST = (gettext_lazy("Surveys"), "staff_surveys:list")
PAGE_SIZE = 25
STATE_COLOURS = {SurveyState.DRAFT: "grey", SurveyState.SENT: "blue", SurveyState.CLOSED: "green"}


def _staff(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.is_staff_account or not survey_organisations(user).exists():
        raise Http404
    return user


def _survey(user: User, pk: int) -> Survey:
    try:
        return survey_get_for_staff(user=user, pk=pk)
    except Survey.DoesNotExist as error:
        raise Http404 from error


def _crumbs(survey: Survey | None = None, *last: Any) -> list[Any]:
    crumbs: list[Any] = [_WORKSPACE, _LIST]
    if survey is not None:
        crumbs.append((survey.title, reverse("staff_surveys:detail", kwargs={"pk": survey.pk})))
    return [*crumbs, *last]


@login_required
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    page = Paginator(survey_list_for_staff(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/staff/list.html",
        {
            "page_obj": page,
            "surveys": [(survey, STATE_COLOURS[SurveyState(survey.state)]) for survey in page],
            "breadcrumbs": [_WORKSPACE, (_("Surveys"), None)],
        },
    )


def _organisation_choices(user: User) -> list[tuple[int, str]]:
    return [(org.pk, org.name) for org in survey_organisations(user).order_by("name_en")]


@login_required
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    choices = _organisation_choices(user)
    form = SurveyForm(request.POST or None, organisations=choices)
    if request.method == "POST" and form.is_valid():
        organisation_id = form.cleaned_data.get("organisation") or choices[0][0]
        survey = actions.survey_create(
            user=user, organisation_id=organisation_id, text=form.survey_text()
        )
        messages.success(request, _("The survey is saved as a draft. Now add its questions."))
        return redirect("staff_surveys:detail", pk=survey.pk)
    return render(
        request,
        "surveys/staff/survey_form.html",
        {
            "form": form,
            "title": _("New survey"),
            "breadcrumbs": _crumbs(None, (_("New survey"), None)),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    questions = survey_questions(survey)
    return render(
        request,
        "surveys/staff/detail.html",
        {
            "survey": survey,
            "colour": STATE_COLOURS[SurveyState(survey.state)],
            "questions": questions,
            "problems": actions.survey_problems(survey) if survey.is_draft else [],
            "invited": survey.invitations.count(),
            "answered": survey.responses.count(),
            "services": list(survey.services.all()) if not survey.is_draft else [],
            "breadcrumbs": _crumbs(None, (survey.title, None)),
        },
    )


def _refused(request: HttpRequest, error: actions.SurveyError, pk: int) -> HttpResponse:
    messages.error(request, str(error.message))
    return redirect("staff_surveys:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    if not survey.is_draft:
        raise Http404
    initial = {
        name: getattr(survey, name) for name in ("title_ar", "title_en", "intro_ar", "intro_en")
    }
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.survey_update(user=user, survey_id=survey.pk, text=form.survey_text())
        except actions.SurveyError as error:
            return _refused(request, error, survey.pk)
        messages.success(request, _("The title and introduction are saved."))
        return redirect("staff_surveys:detail", pk=survey.pk)
    title = _("Title and introduction")
    return render(
        request,
        "surveys/staff/survey_form.html",
        {
            "form": form,
            "survey": survey,
            "title": title,
            "breadcrumbs": _crumbs(survey, (title, None)),
        },
        status=400 if form.errors else 200,
    )


def _question_page(
    request: HttpRequest, user: User, survey: Survey, question: Question | None
) -> HttpResponse:
    if not survey.is_draft:
        raise Http404
    conditions = actions.condition_choices(survey, before=question.position if question else None)
    initial = QuestionForm.initial_for(question) if question else {"kind": "choice"}
    form = QuestionForm(request.POST or None, initial=initial, conditions=conditions)
    if request.method == "POST" and form.is_valid():
        try:
            actions.question_save(
                user=user,
                survey_id=survey.pk,
                data=form.question_input(),
                question_id=question.pk if question else None,
            )
        except Question.DoesNotExist as error:
            raise Http404 from error
        except actions.SurveyError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The question is saved."))
            return redirect("staff_surveys:detail", pk=survey.pk)
    title = (
        _("Question %(number)d") % {"number": question.position} if question else _("New question")
    )
    return render(
        request,
        "surveys/staff/question_form.html",
        {
            "form": form,
            "survey": survey,
            "title": title,
            "breadcrumbs": _crumbs(survey, (title, None)),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    return _question_page(request, user, _survey(user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    question = survey.questions.prefetch_related("options").filter(pk=question_id).first()
    if question is None:
        raise Http404
    return _question_page(request, user, survey, question)


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    try:
        actions.question_remove(user=user, survey_id=survey.pk, question_id=question_id)
    except actions.SurveyError as error:
        return _refused(request, error, survey.pk)
    messages.success(request, _("The question is removed."))
    return redirect("staff_surveys:detail", pk=survey.pk)


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose whether to move the question up or down."))
        return redirect("staff_surveys:detail", pk=survey.pk)
    try:
        actions.question_move(
            user=user, survey_id=survey.pk, question_id=question_id, up=direction == "up"
        )
    except Question.DoesNotExist as error:
        raise Http404 from error
    except actions.SurveyError as error:
        return _refused(request, error, survey.pk)
    return redirect("staff_surveys:detail", pk=survey.pk)


@login_required
@require_http_methods(["GET", "POST"])
def survey_send(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    if not survey.is_draft:
        raise Http404
    services = list(survey_services(survey.organisation))
    form = SendForm(
        request.POST if request.method == "POST" else None,
        initial=SendForm.initial_values(),
        services=services,
    )
    if request.method == "POST" and form.is_valid():
        try:
            invited = actions.survey_send(user=user, survey_id=survey.pk, sending=form.sending())
        except actions.SurveyError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                ngettext(
                    "The survey is sent: %(count)d person was invited.",
                    "The survey is sent: %(count)d people were invited.",
                    invited,
                )
                % {"count": invited},
            )
            return redirect("staff_surveys:detail", pk=survey.pk)
    title = _("Send the survey")
    return render(
        request,
        "surveys/staff/send.html",
        {
            "form": form,
            "survey": survey,
            "title": title,
            "problems": actions.survey_problems(survey),
            "has_services": bool(services),
            "breadcrumbs": _crumbs(survey, (title, None)),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    try:
        actions.survey_close(user=user, survey_id=survey.pk)
    except actions.SurveyError as error:
        return _refused(request, error, survey.pk)
    messages.success(request, _("The survey is closed: it no longer takes answers."))
    return redirect("staff_surveys:detail", pk=survey.pk)


@login_required
@require_GET
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    if survey.is_draft:
        raise Http404
    questions = survey_questions(survey)
    rtl = get_language_bidi()
    results = [
        {
            "result": result,
            "chart_id": f"chart-{result.question.pk}",
            "chart": chart([(row.label, row.count, row.percent) for row in result.rows], rtl=rtl),
        }
        for result in selectors.survey_results(survey, questions)
    ]
    title = _("Results")
    return render(
        request,
        "surveys/staff/results.html",
        {
            "survey": survey,
            "results": results,
            "answered": survey.responses.count(),
            "invited": survey.invitations.count(),
            "title": title,
            "breadcrumbs": _crumbs(survey, (title, None)),
        },
    )


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


@login_required
@require_GET
def survey_export(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    survey = _survey(user, pk)
    if survey.is_draft:
        raise Http404
    questions = survey_questions(survey)
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the Arabic as UTF-8
    writer = csv.writer(out)
    writer.writerow(
        [
            _cell(_("Question %(number)d: %(text)s") % {"number": q.position, "text": q.text})
            for q in questions
        ]
    )
    for row in survey_answer_rows(survey, questions):
        writer.writerow([_cell(value) for value in row])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
