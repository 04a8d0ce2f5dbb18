"""Apps register their own events; notifications only keeps the registry."""

import json

import pytest

from bawaba.notifications import events
from bawaba.notifications.events import NAME, Event, event_get, event_list, register
from bawaba.notifications.templates_store import wording_from_files


def _wording_file(key):
    return next(path for path, keys in events.template_files().items() if key in keys)


def test_every_app_words_its_own_events_beside_its_code():
    owners = {
        "account.welcome": "accounts",
        "security.password_changed": "accounts",
        "catalogue.revision_published": "catalogue",
        "application.received": "eservices",
        "application.draft_expiring": "eservices",
        "complaint.received": "complaints",
    }
    for key, app in owners.items():
        assert _wording_file(key).parent.name == app, key
    assert len(event_list()) == 36


def test_registering_the_same_event_again_is_harmless():
    welcome = event_get("account.welcome")
    register(welcome, templates=_wording_file("account.welcome"))
    assert event_get("account.welcome") is welcome


def test_a_second_event_under_a_taken_key_is_refused(tmp_path):
    impostor = Event("account.welcome", "Impostor", essential=False, placeholders=(NAME,))
    with pytest.raises(ValueError, match=r"account\.welcome"):
        register(impostor, templates=tmp_path / "impostor.json")
    assert event_get("account.welcome").title != "Impostor"


def test_an_unknown_event_is_a_lookup_error():
    with pytest.raises(LookupError, match=r"nothing\.here"):
        event_get("nothing.here")


def test_a_wording_file_may_word_only_its_own_events(tmp_path):
    wording = {"body": "Hello {name}", "subject": "Hi"}
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"mine.one": {"inbox": {"en": wording}}}), encoding="utf-8")
    assert wording_from_files({mine: frozenset({"mine.one"})}) == {
        "mine.one": {"inbox": {"en": wording}}
    }
    with pytest.raises(ValueError, match=r"mine\.json.*mine\.one"):
        wording_from_files({mine: frozenset({"other.event"})})
