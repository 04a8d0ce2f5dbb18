"""Every form a person or a member of staff can send, sent empty, names each
required field in its message, in English and in Arabic: never Django's bare
"This field is required.", which the error summary would list without saying
which box it is about.

The forms are found, not listed: every form class in the project's modules,
and every form behind a page of the portal (allauth's among them). A new form
needs ``NamedRequiredMixin`` (or ``PortalForm``), and a way to make it below
when it takes arguments of its own."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from allauth.account import app_settings as account_settings
from allauth.account.forms import (
    ConfirmLoginCodeForm,
    ConfirmReauthenticationCodeForm,
    RequestReauthenticationCodeForm,
)
from allauth.core import context
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.forms import BaseForm
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

import bawaba
from bawaba.accounts.models import User
from bawaba.core.forms import NamedRequiredMixin, required_message
from bawaba.eservices.cases import MESSAGE_MOVES
from bawaba.eservices.definition import QUESTION_TYPES
from bawaba.eservices.workflow import MOVES
from bawaba.notifications.events import event_list
from bawaba.notifications.models import TemplateChannel

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ar")


def _project_form_classes() -> list[type[BaseForm]]:
    found: dict[str, type[BaseForm]] = {}
    for info in pkgutil.walk_packages(bawaba.__path__, "bawaba."):
        if ".tests" in info.name or ".migrations" in info.name:
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseForm)
                and value.__module__ == module.__name__
                # A mixin is not a form until it is mixed into one.
                and hasattr(value, "base_fields")
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


def _routed(patterns: list[Any]) -> Iterator[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routed(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def _routed_form_classes() -> set[type[BaseForm]]:
    """The form of every class-based page (allauth's pages choose theirs from
    the settings)."""
    found: set[type[BaseForm]] = set()
    for callback in _routed(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None)
        if view_class is None:
            continue
        try:
            form_class = view_class().get_form_class()
        except (AttributeError, KeyError):
            # A page that chooses its form from the request it answers.
            form_class = getattr(view_class, "form_class", None)
        if isinstance(form_class, type) and issubclass(form_class, BaseForm):
            found.add(form_class)
    return found


# allauth's pages for signing in and confirming it is you with a code sent by
# email: routed, but switched off here, so nobody reaches their forms.
SWITCHED_OFF: dict[type[BaseForm], Callable[[], bool]] = {
    ConfirmLoginCodeForm: lambda: not account_settings.LOGIN_BY_CODE_ENABLED,
    RequestReauthenticationCodeForm: lambda: (
        "code" not in account_settings.REAUTHENTICATION_METHODS
    ),
    ConfirmReauthenticationCodeForm: lambda: (
        "code" not in account_settings.REAUTHENTICATION_METHODS
    ),
}


def _request() -> Any:
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    return request


def _user() -> User:
    return User(email="person@example.com")


def _label(en: str, ar: str) -> dict[str, str]:
    return {"en": en, "ar": ar}


_OPTIONS = [
    {"value": "a", "label": _label("First", "الأول")},
    {"value": "b", "label": _label("Second", "الثاني")},
]
# One required question of each type, with what that type needs.
SAMPLE_QUESTIONS: dict[str, dict[str, Any]] = {
    "text": {"label": _label("Full name", "الاسم الكامل")},
    "long_text": {"label": _label("Why are you applying?", "لماذا تتقدمون بالطلب؟")},
    "number": {"label": _label("Number of rooms", "عدد الغرف")},
    "date": {"label": _label("Date of birth", "تاريخ الميلاد")},
    "choice": {"label": _label("Reason", "السبب"), "options": _OPTIONS},
    "multiple_choice": {"label": _label("Which apply?", "أيها ينطبق؟"), "options": _OPTIONS},
    "yes_no": {"label": _label("Are you married?", "هل أنتم متزوجون؟")},
    "email": {"label": _label("Email address", "البريد الإلكتروني")},
    "mobile": {"label": _label("Mobile number", "رقم الهاتف النقال")},
    "cpr": {"label": _label("CPR number", "الرقم الشخصي")},
    "cr_number": {"label": _label("CR number", "رقم السجل التجاري")},
    "passport_number": {"label": _label("Passport number", "رقم الجواز")},
    "nationality": {"label": _label("Nationality", "الجنسية")},
    "address": {"label": _label("Home address", "عنوان السكن")},
    "file": {"label": _label("Photo", "الصورة"), "document_types": ["png"]},
    "declaration": {
        "label": _label("Declaration", "الإقرار"),
        "statement": _label("I confirm that this is true.", "أقرّ بأن هذا صحيح."),
    },
    "group": {
        "label": _label("Children", "الأبناء"),
        "questions": [
            {"id": "child", "type": "text", "label": _label("Name", "الاسم"), "required": True}
        ],
    },
}


def _questions(*, groups: bool) -> list[dict[str, Any]]:
    missing = set(QUESTION_TYPES) - set(SAMPLE_QUESTIONS)
    assert not missing, f"add a sample question of each new type: {sorted(missing)}"
    return [
        {"id": kind, "type": kind, "required": True, **sample}
        for kind, sample in SAMPLE_QUESTIONS.items()
        if groups or kind != "group"
    ]


def _page_forms(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    page = {"id": "page", "title": _label("Page", "صفحة"), "questions": _questions(groups=True)}
    return [cls(data, files, page=page, answers={}, language=language)]


def _item_forms(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    return [cls(data, files, questions=_questions(groups=False), language=language)]


def _case_move_forms(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    return [
        cls(
            data,
            move=move,
            reasons=[("r1", "A reason")] if move in MESSAGE_MOVES else None,
            colleagues=[("1", "A colleague")] if move == "assign" else None,
        )
        for move in MOVES
    ]


def _template_forms(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    event = event_list()[0]
    return [cls(data, event=event, channel=channel) for channel in TemplateChannel.values]


def _with_user(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    return [cls(data=data, files=files, user=_user())]


def _with_request(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    return [cls(data=data, files=files, request=_request())]


def _profile(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    return [cls(data=data, files=files, instance=_user())]


# How to make a form that takes arguments of its own, by class name.
def _bill_lookup_forms(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    from bawaba.payments.models import Biller, BillerKind

    return [
        cls(data=data, files=files, biller=Biller(code="ewa", kind=BillerKind.BILL)),
        cls(
            data=data,
            files=files,
            biller=Biller(code="traffic", kind=BillerKind.FINE, owner_cpr_required=True),
        ),
    ]


def _survey_answer_forms(cls: type, data: Any, files: Any, language: str) -> list[BaseForm]:
    from bawaba.participation.surveys.tests.helpers import survey_with_every_kind

    return [cls(data, questions=survey_with_every_kind())]


BUILDERS: dict[str, Callable[[type, Any, Any, str], list[BaseForm]]] = {
    "bawaba.payments.bill_forms.BillLookupForm": _bill_lookup_forms,
    "bawaba.eservices.questions.PageForm": _page_forms,
    "bawaba.eservices.groups.ItemForm": _item_forms,
    "bawaba.eservices.forms.CaseMoveForm": _case_move_forms,
    "bawaba.notifications.staff_forms.MessageTemplateForm": _template_forms,
    "bawaba.accounts.forms.LoginForm": _with_request,
    "bawaba.accounts.forms.AddEmailForm": _with_user,
    "bawaba.accounts.forms.ChangePasswordForm": _with_user,
    "bawaba.accounts.forms.SetPasswordForm": _with_user,
    "bawaba.accounts.forms.ReauthenticateForm": _with_user,
    "bawaba.accounts.forms.ProfileForm": _profile,
    "bawaba.accounts.mfa_forms.AuthenticateForm": _with_user,
    "bawaba.accounts.mfa_forms.ReauthenticateForm": _with_user,
    "bawaba.accounts.mfa_forms.ActivateTOTPForm": _with_user,
    "bawaba.participation.surveys.forms.AnswerForm": _survey_answer_forms,
}


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _sent_empty(cls: type[BaseForm], language: str) -> list[BaseForm]:
    data: dict[str, Any] = {}
    builder = BUILDERS.get(_name(cls))
    with context.request_context(_request()):
        if builder is not None:
            built = builder(cls, data, {}, language)
        else:
            try:
                built = [cls(data=data)]
            except TypeError as error:
                pytest.fail(
                    f"{_name(cls)} takes arguments: add a way to make it to BUILDERS ({error})"
                )
        for form in built:
            form.is_valid()
    return built


def _named(label: Any) -> str:
    """What a message must contain: the label, without a bracketed hint at
    its end or its own closing punctuation."""
    text = " ".join(str(label).split())
    text = re.sub(r"\s*\([^()]*\)$", "", text) or text
    return text.rstrip(".?!؟:").casefold()


def _problems(form: BaseForm, language: str) -> list[str]:
    generic = {"This field is required.", str(forms.Field.default_error_messages["required"])}
    problems = []
    errors = form.errors.as_data()
    for name, found in errors.items():
        for error in found:
            for message in error.messages:
                if message in generic:
                    problems.append(f"{name}: {message!r}")
    for name, field in form.fields.items():
        required = [
            message
            for error in errors.get(name, [])
            if error.code == "required"
            for message in error.messages
        ]
        if field.required and not field.disabled and not required:
            problems.append(f"{name}: sent empty, but no message says it is needed")
        label = _named(form[name].label)
        problems.extend(
            f"{name}: {message!r} does not name “{label}”"
            for message in required
            if label not in message.casefold()
        )
    return [f"{_name(type(form))} ({language}) {problem}" for problem in problems]


PROJECT_FORMS = _project_form_classes()


def test_the_walk_finds_the_portal_s_forms():
    names = {_name(cls) for cls in PROJECT_FORMS}
    assert {
        "bawaba.accounts.forms.SignupForm",
        "bawaba.eservices.questions.PageForm",
        "bawaba.eservices.forms.RetireForm",
        "bawaba.catalogue.forms.PageFeedbackForm",
        "bawaba.catalogue.staff_forms.ServiceContentForm",
        "bawaba.accounts.mfa_forms.ReauthenticateForm",
    } <= names


@pytest.mark.parametrize("form_class", PROJECT_FORMS, ids=_name)
def test_every_form_of_the_project_names_the_fields_it_needs(form_class):
    assert issubclass(form_class, NamedRequiredMixin), (
        f"{_name(form_class)}: make it a PortalForm (or add NamedRequiredMixin first)"
    )
    problems = []
    for language in LANGUAGES:
        with translation.override(language):
            for form in _sent_empty(form_class, language):
                problems.extend(_problems(form, language))
    assert not problems, "\n".join(problems)


def test_every_form_behind_a_page_is_the_portal_s_own():
    """allauth's pages use the portal's forms, except forms without a field to
    fill and those of features switched off here."""
    strangers = []
    for form_class in _routed_form_classes():
        if issubclass(form_class, NamedRequiredMixin):
            continue
        if form_class in SWITCHED_OFF:
            assert SWITCHED_OFF[form_class](), f"{_name(form_class)} is switched on"
            continue
        if any(field.required for field in getattr(form_class, "base_fields", {}).values()):
            strangers.append(_name(form_class))
    assert not strangers, f"give these pages a portal form (ACCOUNT_FORMS/MFA_FORMS): {strangers}"


@pytest.mark.parametrize(
    ("label", "kind", "language", "expected"),
    [
        ("Are you married?", "choose", "en", "Choose an answer to “Are you married?”"),
        ("Email address", "enter", "en", "Enter “Email address”."),
        ("Note (never shown)", "enter", "en", "Enter “Note”."),
        ("Topics", "choose_many", "en", "Choose at least one option for “Topics”."),
        (
            "I confirm it is true.",
            "confirm",
            "en",
            "Tick the box to confirm “I confirm it is true.”",
        ),
        ("Photo", "upload", "en", "Upload a file for “Photo”."),
        ("هل أنتم متزوجون؟", "choose", "ar", "اختاروا إجابة عن «هل أنتم متزوجون؟»"),
        ("البريد الإلكتروني", "enter", "ar", "أدخلوا «البريد الإلكتروني»."),
        ("أقرّ بأن هذا صحيح.", "confirm", "ar", "أكّدوا بوضع علامة في المربع: «أقرّ بأن هذا صحيح.»"),
    ],
)
def test_a_required_message_names_the_field_and_ends_once(label, kind, language, expected):
    assert required_message(label, kind, language) == expected
