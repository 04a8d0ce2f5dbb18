"""The registry of events that send a message, and what each one may say.

An event is code (something happens: a password is changed, an application is
received); what the message says is data (``MessageTemplate``, one per event,
channel and language, edited by staff). Each event lists the placeholders its
templates may use, with sample values for the preview.

Notifications names no event of its own: every app registers its events from
its own ``events.py`` (imported in its ``AppConfig.ready``), together with the
JSON file that ships their wording::

    register(RECEIVED, STATUS_CHANGED, templates=Path(__file__).with_name("messages.json"))

Essential events (acknowledgements, security alerts, payment receipts) reach
the person by at least one channel whatever their settings; optional ones
follow the person's choice of channels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str | Promise
    sample_ar: str
    sample_en: str

    def sample(self, language: str) -> str:
        return self.sample_ar if language == "ar" else self.sample_en


@dataclass(frozen=True)
class Event:
    key: str
    title: str | Promise
    essential: bool
    placeholders: tuple[Placeholder, ...] = field(default=())

    @property
    def placeholder_names(self) -> frozenset[str]:
        return frozenset(placeholder.name for placeholder in self.placeholders)

    def sample_values(self, language: str) -> dict[str, str]:
        return {item.name: item.sample(language) for item in self.placeholders}


# Placeholders every app's messages may share.
NAME = Placeholder("name", _("The person's name"), "مريم أحمد", "Maryam Ahmed")
WHEN = Placeholder(
    "when", _("Date and time of the event"), "29 نوفمبر 2026، 10:15", "29 November 2026, 10:15"
)

_EVENTS: dict[str, Event] = {}
_TEMPLATE_FILES: dict[Path, frozenset[str]] = {}


def register(*events: Event, templates: Path) -> None:
    """Add ``events`` to the registry; ``templates`` is the JSON file holding
    their shipped wording (event → channel → language → subject and body)."""
    for event in events:
        if _EVENTS.get(event.key, event) is not event:
            raise ValueError(f"Two events are registered as {event.key!r}")
    for event in events:
        _EVENTS[event.key] = event
    _TEMPLATE_FILES[templates] = _TEMPLATE_FILES.get(templates, frozenset()) | {
        event.key for event in events
    }


def event_get(key: str) -> Event:
    try:
        return _EVENTS[key]
    except KeyError as error:
        raise LookupError(f"No notification event is called {key!r}") from error


def event_list() -> list[Event]:
    return sorted(_EVENTS.values(), key=lambda event: event.key)


def template_files() -> dict[Path, frozenset[str]]:
    """Each registered wording file, with the events registered with it."""
    return dict(_TEMPLATE_FILES)
