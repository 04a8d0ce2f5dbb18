"""One command loads the demo data of every participation space, each space
having registered its loader; it runs twice without creating anything more,
loads only the spaces named, and is refused in production."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from bawaba.participation.demo import demo_loaders

pytestmark = pytest.mark.django_db


def _load(*spaces: str) -> str:
    out = io.StringIO()
    call_command("load_demo_participation", *spaces, stdout=out)
    return out.getvalue()


def test_each_space_registers_its_loader_in_the_order_of_the_apps() -> None:
    assert [loader.space for loader in demo_loaders()] == ["consultations", "forums", "blogs"]


def test_every_space_loads_once(settings: Any) -> None:
    settings.DEMO_DATA_ALLOWED = True
    call_command("load_demo", stdout=io.StringIO())
    first = _load()
    assert "Demo consultations: 2 created" in first
    assert "Demo forum topics: 3 created" in first
    assert "Demo blog posts: 4 created" in first
    second = _load()
    assert second.count(": 0 created; existing ones left unchanged.") == 3


def test_only_the_spaces_named_are_loaded(settings: Any) -> None:
    settings.DEMO_DATA_ALLOWED = True
    call_command("load_demo", stdout=io.StringIO())
    out = _load("forums")
    assert out == "Demo forum topics: 3 created; existing ones left unchanged.\n"
    with pytest.raises(CommandError, match="No demo data for polls"):
        _load("polls")


def test_demo_data_is_refused_in_production(settings: Any) -> None:
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="not allowed"):
        _load()
