"""The portal's own information pages, as one list that the site search reads.

The service catalogue adds its services to search; until then the search box
finds these pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bawaba.core.text import normalise_for_search


@dataclass(frozen=True)
class InformationPage:
    url_name: str
    title: Promise
    summary: Promise
    keywords: Promise

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def matches(self, terms: list[str]) -> bool:
        # Normalised once per language: the texts change only with a deployment.
        key = (self.url_name, get_language() or "")
        haystack = _HAYSTACKS.get(key)
        if haystack is None:
            haystack = normalise_for_search(f"{self.title} {self.summary} {self.keywords}")
            _HAYSTACKS[key] = haystack
        return all(term in haystack for term in terms)


_HAYSTACKS: dict[tuple[str, str], str] = {}


INFORMATION_PAGES = [
    InformationPage(
        "core:commitments",
        _("Our commitments"),
        _(
            "What the portal does for you today: reliable service information, pages in "
            "both languages, protection of your data, following your applications, and help."
        ),
        _(
            "charter promises standards complaint suggestion confidentiality "
            "accessibility applications"
        ),
    ),
    InformationPage(
        "core:accessibility",
        _("Accessibility statement"),
        _(
            "How the portal works with screen readers, keyboards and without JavaScript, "
            "and how to report a barrier."
        ),
        _("screen reader keyboard disability accessible WCAG"),
    ),
    InformationPage(
        "core:privacy",
        _("Privacy notice"),
        _("What personal data the portal keeps, why, for how long, and your rights."),
        _("personal data confidentiality cookies data protection"),
    ),
    InformationPage(
        "core:contact",
        _("Contact us"),
        _("Call the contact centre on 80008001, Sunday to Thursday, 8 am to 5 pm."),
        _("telephone help support contact centre call complaint"),
    ),
    InformationPage(
        "account_signup",
        _("Create an account"),
        _("Create a Bawaba account to apply for services and follow your applications."),
        _("register sign up new account"),
    ),
    InformationPage(
        "account_login",
        _("Sign in"),
        _("Sign in to your Bawaba account."),
        _("login log in account password"),
    ),
]


def information_page_search(query: str) -> list[InformationPage]:
    terms = normalise_for_search(query).split()
    if not terms:
        return []
    return [page for page in INFORMATION_PAGES if page.matches(terms)]
