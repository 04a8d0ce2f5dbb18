"""What e-services refuse, each with the message the person reads."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bawaba.core.errors import ApplicationError


class EServiceError(ApplicationError):
    code = "eservices"


class CaseError(EServiceError):
    """A move on an application refused (the case kit's refusals included)."""

    code = "eservices.case"


class NotEligible(EServiceError):
    code = "eservices.not_eligible"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class Incomplete(EServiceError):
    code = "eservices.incomplete"

    def __init__(self, page_id: str) -> None:
        super().__init__(_("Some answers are missing or need changing."))
        self.page_id = page_id
