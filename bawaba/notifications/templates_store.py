"""Message templates: the defaults shipped with Bawaba and the edited copies.

Each app ships the wording of its own events, for every channel and language,
in the JSON file it registered them with (see ``events.register``). After each
migration the missing rows are created from it (rows staff have edited are
never overwritten). Sending reads the row; if a row has been lost it falls back
to the shipped wording, so a message is never dropped for want of a template.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bawaba.notifications.events import event_list, template_files
from bawaba.notifications.models import MessageTemplate, TemplateChannel

LANGUAGES = ("ar", "en")


@dataclass(frozen=True)
class TemplateText:
    subject: str
    body: str


@cache
def default_templates() -> dict[str, dict[str, dict[str, dict[str, str]]]]:
    """The shipped wording of every registered event."""
    return wording_from_files(template_files())


def wording_from_files(files: dict[Path, frozenset[str]]) -> dict[str, Any]:
    """Merge the apps' wording files; a file may word only the events
    registered with it."""
    merged: dict[str, Any] = {}
    for path, keys in files.items():
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        strangers = sorted(set(data) - keys)
        if strangers:
            raise ValueError(f"{path.name} words events not registered with it: {strangers}")
        merged.update(data)
    return merged


def template_text(event: str, channel: str, language: str) -> TemplateText:
    row = (
        MessageTemplate.objects.filter(event=event, channel=channel, language=language)
        .only("subject", "body")
        .first()
    )
    if row is not None:
        return TemplateText(row.subject, row.body)
    shipped = default_templates()[event][channel][language]
    return TemplateText(shipped["subject"], shipped["body"])


def ensure_default_templates() -> int:
    """Create every shipped template that has no row yet; returns how many."""
    existing = set(MessageTemplate.objects.values_list("event", "channel", "language"))
    missing = [
        MessageTemplate(
            event=event,
            channel=channel,
            language=language,
            subject=text["subject"],
            body=text["body"],
        )
        for event, channels in default_templates().items()
        for channel, languages in channels.items()
        for language, text in languages.items()
        if (event, channel, language) not in existing
    ]
    MessageTemplate.objects.bulk_create(missing)
    return len(missing)


@dataclass(frozen=True)
class TemplateGap:
    event: str
    channel: str
    missing_languages: tuple[str, ...]


def template_gaps(
    rows: set[tuple[str, str, str]] | None = None,
) -> list[TemplateGap]:
    """Every event and channel whose template is missing in one or both
    languages: in the database by default, or in ``rows`` when given."""
    if rows is None:
        rows = set(MessageTemplate.objects.values_list("event", "channel", "language"))
    gaps = []
    for event in event_list():
        for channel in TemplateChannel.values:
            missing = tuple(
                language for language in LANGUAGES if (event.key, channel, language) not in rows
            )
            if missing:
                gaps.append(TemplateGap(event.key, channel, missing))
    return gaps


def shipped_rows() -> set[tuple[str, str, str]]:
    return {
        (event, channel, language)
        for event, channels in default_templates().items()
        for channel, languages in channels.items()
        for language, text in languages.items()
        if text.get("body", "").strip()
    }
