"""The providers' guide to e-service definitions (docs/eservice-definitions.md)
stays true: its complete examples load, and it names every question type and
every top-level field the checker knows."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from bawaba.eservices.definition import QUESTION_TYPES, SCHEMA_FILE, definition_load

GUIDE = Path(settings.BASE_DIR) / "docs" / "eservice-definitions.md"
MARKER = "# complete example"
# A fenced block marked yaml: its text, up to the closing fence.
_YAML_BLOCK = re.compile(r"^```yaml[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _complete_examples() -> list[str]:
    return [
        block
        for block in _YAML_BLOCK.findall(_guide())
        if block.splitlines() and block.splitlines()[0].strip() == MARKER
    ]


def _top_level_fields() -> list[str]:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return sorted(schema["properties"])


def test_the_guide_has_a_complete_example():
    assert _complete_examples()


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(source, id=f"example-{number}")
        for number, source in enumerate(_complete_examples(), start=1)
    ],
)
def test_every_complete_example_in_the_guide_is_valid(source):
    definition = definition_load(source)  # raises DefinitionError listing every problem
    assert definition["pages"]


@pytest.mark.parametrize("name", QUESTION_TYPES)
def test_the_guide_names_every_question_type(name):
    assert f"`{name}`" in _guide()


@pytest.mark.parametrize("name", _top_level_fields())
def test_the_guide_names_every_top_level_field(name):
    assert f"`{name}`" in _guide()
