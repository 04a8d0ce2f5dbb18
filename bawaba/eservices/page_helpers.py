"""What the e-service pages share without importing each other: the person
signed in (applicant and staff pages alike), and for the applicant's pages
their own application (anyone else's is a 404), why a draft cannot go on,
and the breadcrumbs they start with."""

from __future__ import annotations

import uuid
from typing import cast

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy

from bawaba.accounts.models import User
from bawaba.eservices import actions
from bawaba.eservices.models import Application
from bawaba.eservices.selectors import application_get_for_applicant

HOME = (gettext_lazy("Home"), "catalogue:home")
APPLICATIONS = (gettext_lazy("Your applications"), "eservices:applications")


def user_of(request: HttpRequest) -> User:
    return cast(User, request.user)


def application_mine(request: HttpRequest, application_id: uuid.UUID) -> Application:
    try:
        return application_get_for_applicant(user=request.user, application_id=application_id)
    except Application.DoesNotExist as error:
        raise Http404 from error


def draft_closed(application: Application) -> str:
    """Why an unfinished application cannot be continued now, or ""."""
    try:
        actions.eservice_open_for_drafts(application.definition.eservice)
    except actions.EServiceError as error:
        return str(error)
    return ""
