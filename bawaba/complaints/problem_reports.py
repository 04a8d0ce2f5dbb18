"""'Report a problem with this page' as a case: a suggestion about the page's
content, routed like any other case (to the page's provider unless a routing
rule says otherwise). A signed-in reader is the case's person, so they get
the acknowledgement and find the case in their list; a report from someone
not signed in carries no contact details, so nobody is acknowledged."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from bawaba.accounts.models import User
from bawaba.catalogue.models import Service
from bawaba.catalogue.problem_reports import problem_report_handler_set
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.models import Complaint, Kind

SUBJECT_MAX_LENGTH = Complaint._meta.get_field("subject").max_length or 200


def problem_subject(service: Service, language: str) -> str:
    """The case's subject in the reader's language, naming the page as they read it."""
    with translation.override(language):
        subject = _("Problem with the page “%(title)s”") % {"title": service.title}
    return subject[:SUBJECT_MAX_LENGTH]


def problem_report_file(
    *, service: Service, problem: str, language: str, user: User | None
) -> None:
    """File a reader's report on a service page as a suggestion case."""
    language = language if language in ("ar", "en") else "ar"
    complaint_file(
        filing=Filing(
            kind=Kind.SUGGESTION,
            subject=problem_subject(service, language),
            details=problem,
            provider_id=service.provider_id,
            service_id=service.pk,
            language=language,
        ),
        person=user,
    )


def register_problem_reports() -> None:
    problem_report_handler_set(problem_report_file)
