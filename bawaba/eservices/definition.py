"""E-service definitions: what a provider writes (YAML or JSON) to put a
service online, and the checks that turn it into something the portal can run.

``definition_load(text)`` parses and validates a definition. Every problem is
reported with the path of the bad part (``pages[1].questions[0].type``) and a
message in the page's language; the portal never runs a definition with a
problem, so a mistake in one can never reach an applicant as an error page.

Checks come in two passes: the JSON Schema (``definition.schema.json``) for
shape and types, then the rules a schema cannot say: identifiers are unique,
``show_if`` only looks at questions asked earlier, a fee refers to a question
of the right type, limits are in order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from bawaba.eservices.conditions import condition_questions
from bawaba.eservices.fields import MEGABYTE, size_text, upload_limit
from bawaba.notifications.rendering import TemplateTextError, placeholders_in

SCHEMA_FILE = Path(__file__).with_name("definition.schema.json")

QUESTION_TYPES = (
    "text",
    "long_text",
    "number",
    "date",
    "choice",
    "multiple_choice",
    "yes_no",
    "email",
    "mobile",
    "cpr",
    "cr_number",
    "passport_number",
    "nationality",
    "address",
    "file",
    "declaration",
    "group",
)
# Entries a repeating group takes when its definition sets no maximum.
MAX_GROUP_ITEMS = 20
# Fields that mean something only for some types of question.
FIELDS_FOR_TYPES = {
    "min": {"number"},
    "max": {"number"},
    "whole": {"number"},
    "min_length": {"text", "long_text"},
    "max_length": {"text", "long_text"},
    "pattern": {"text", "long_text"},
    "pattern_message": {"text", "long_text"},
    "document_types": {"file"},
    "max_size_mb": {"file"},
    "statement": {"declaration"},
    "not_in_past": {"date"},
    "not_in_future": {"date"},
    "months_after": {"date"},
}
# Which profile value may fill which kind of question ("tell us once").
PREFILL_TYPES = {
    "name": {"text"},
    "cpr": {"cpr"},
    "passport_number": {"passport_number", "text"},
    "nationality": {"nationality"},
    "mobile": {"mobile"},
    "email": {"email"},
    "address": {"address"},
}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DefinitionError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _schema_message(error: SchemaError) -> str:
    """The schema's complaint in the page's language."""
    keyword = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    if keyword == "required":
        # One error per missing field; its own message names it ('x' is a required property).
        quoted = re.match(r"'([^']+)'", str(error.message))
        missing = quoted.group(1) if quoted else value[0]
        return _("“%(name)s” is missing.") % {"name": missing}
    if keyword == "additionalProperties":
        known = set(schema.get("properties", {}))
        extra = sorted(set(instance) - known) if isinstance(instance, dict) else []
        return _("“%(name)s” is not a known field here.") % {"name": ", ".join(extra) or "?"}
    if keyword == "enum":
        return _("Use one of: %(choices)s.") % {"choices": ", ".join(map(str, value))}
    if keyword == "type":
        names = {
            "string": pgettext("kind of value", "text"),
            "integer": pgettext("kind of value", "a whole number"),
            "number": pgettext("kind of value", "a number"),
            "boolean": pgettext("kind of value", "true or false"),
            "array": pgettext("kind of value", "a list"),
            "object": pgettext("kind of value", "a set of named fields"),
        }
        wanted = value if isinstance(value, list) else [value]
        return _("This must be %(kind)s.") % {
            "kind": _(" or ").join(str(names.get(item, item)) for item in wanted)
        }
    if keyword in ("minimum", "exclusiveMinimum"):
        return _("This must be at least %(limit)s.") % {"limit": value}
    if keyword in ("maximum", "exclusiveMaximum"):
        return _("This must be at most %(limit)s.") % {"limit": value}
    if keyword == "maxItems":
        return ngettext(
            "This can have at most %(count)s entry.",
            "This can have at most %(count)s entries.",
            value,
        ) % {"count": value}
    if keyword in ("minItems", "minProperties"):
        return ngettext(
            "This needs at least %(count)s entry.", "This needs at least %(count)s entries.", value
        ) % {"count": value}
    if keyword == "minLength":
        return _("This cannot be empty.")
    if keyword == "uniqueItems":
        return _("An entry appears twice.")
    if keyword == "pattern":
        return _("This has characters that are not allowed here.")
    if keyword == "oneOf":
        return _("This is not in any of the allowed forms.")
    return str(error.message)


def _schema_problems(data: Any) -> list[Problem]:
    errors = sorted(_validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    return [Problem(_path(error.absolute_path), _schema_message(error)) for error in errors]


def _questions(questions: list[dict[str, Any]], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, question in enumerate(questions):
        here = f"{path}[{index}]"
        yield here, question
        if question.get("type") == "group":
            yield from _questions(question.get("questions", []), f"{here}.questions")


def _rule_problems(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    asked: dict[str, dict[str, Any]] = {}
    page_ids: set[str] = set()

    in_groups: set[str] = set()

    def check_condition(condition: dict[str, Any] | None, path: str) -> None:
        for name in condition_questions(condition):
            if name in in_groups or asked.get(name, {}).get("type") == "group":
                problems.append(
                    Problem(
                        f"{path}.show_if",
                        _(
                            "“%(name)s” is a repeating group or inside one: "
                            "a condition cannot use it."
                        )
                        % {"name": name},
                    )
                )
            elif name not in asked:
                problems.append(
                    Problem(
                        f"{path}.show_if",
                        _("“%(name)s” is not a question asked before this point.") % {"name": name},
                    )
                )

    for page_index, page in enumerate(data["pages"]):
        page_path = f"pages[{page_index}]"
        if page["id"] in page_ids:
            problems.append(Problem(f"{page_path}.id", _("Another page has this id.")))
        page_ids.add(page["id"])
        check_condition(page.get("show_if"), page_path)
        kinds = {question["type"] for question in page["questions"]}
        if "group" in kinds and "file" in kinds:
            problems.append(
                Problem(
                    f"{page_path}.questions",
                    _("Put file uploads on a page of their own, not with a repeating group."),
                )
            )
        for question in page["questions"]:
            if question["type"] == "group":
                in_groups.update(inner["id"] for inner in question.get("questions", []))
        for path, question in _questions(page["questions"], f"{page_path}.questions"):
            check_condition(question.get("show_if"), path)
            after = question.get("months_after", {}).get("question")
            if after is not None and (
                after in in_groups or asked.get(after, {}).get("type") != "date"
            ):
                problems.append(
                    Problem(
                        f"{path}.months_after.question",
                        _("“%(name)s” is not a date question asked before this one.")
                        % {"name": after},
                    )
                )
            if question["id"] in asked:
                problems.append(Problem(f"{path}.id", _("Another question has this id.")))
            asked[question["id"]] = question
            problems.extend(_question_problems(question, path))

    fee = data["fee"]
    if fee["kind"] in ("per_unit", "by_choice"):
        target = None if fee["question"] in in_groups else asked.get(fee["question"])
        wanted = "number" if fee["kind"] == "per_unit" else "choice"
        if target is None or target["type"] != wanted:
            problems.append(
                Problem(
                    "fee.question",
                    _("The fee needs a question of type “%(type)s” with this id.")
                    % {"type": wanted},
                )
            )
        elif fee["kind"] == "per_unit" and not target.get("whole"):
            problems.append(
                Problem(
                    "fee.question",
                    _("A fee per unit counts whole units: add “whole: true” to the question."),
                )
            )
        elif fee["kind"] == "by_choice":
            values = {option["value"] for option in target.get("options", [])}
            if set(fee["amounts_fils"]) != values:
                problems.append(
                    Problem(
                        "fee.amounts_fils",
                        _(
                            "Give an amount for each answer of the question, "
                            "and no other: %(values)s."
                        )
                        % {"values": ", ".join(sorted(values))},
                    )
                )
    stage_ids = [stage["id"] for stage in data["workflow"].get("stages", [])]
    if len(stage_ids) != len(set(stage_ids)):
        problems.append(Problem("workflow.stages", _("Two stages have the same id.")))
    eligibility = data.get("eligibility", {})
    if eligibility.get("min_age", 0) > eligibility.get("max_age", 120):
        problems.append(
            Problem("eligibility.max_age", _("The highest age is below the lowest age."))
        )
    # What a document's text may name: the holder, the reference, and the
    # answers that fit in a sentence.
    fillable = {"name", "reference"} | {
        question["id"]
        for page in data["pages"]
        for question in page["questions"]
        if question["type"] not in ("group", "file")
    }
    for language in ("ar", "en"):
        try:
            named = placeholders_in(data["output"]["body"][language])
        except TemplateTextError as error:
            problems.append(Problem(f"output.body.{language}", str(error)))
            continue
        for unknown in sorted(set(named) - fillable):
            problems.append(
                Problem(
                    f"output.body.{language}",
                    _(
                        "“{%(name)s}” is not a question of this definition "
                        "(nor {name} or {reference})."
                    )
                    % {"name": unknown},
                )
            )
    reason_ids = [reason["id"] for reason in data.get("decision_reasons", [])]
    if len(reason_ids) != len(set(reason_ids)):
        problems.append(Problem("decision_reasons", _("Two reasons have the same id.")))
    return problems


def _question_problems(question: dict[str, Any], path: str) -> list[Problem]:
    problems: list[Problem] = []
    kind = question["type"]
    needs = {
        "choice": "options",
        "multiple_choice": "options",
        "group": "questions",
        "declaration": "statement",
        "file": "document_types",
    }
    if kind in needs and needs[kind] not in question:
        problems.append(Problem(path, _("“%(name)s” is missing.") % {"name": needs[kind]}))
    for name, kinds in FIELDS_FOR_TYPES.items():
        if name in question and kind not in kinds:
            problems.append(
                Problem(
                    f"{path}.{name}",
                    _("“%(name)s” does not apply to a question of type “%(type)s”.")
                    % {"name": name, "type": kind},
                )
            )
    if "options" in question:
        values = [option["value"] for option in question["options"]]
        if len(values) != len(set(values)):
            problems.append(Problem(f"{path}.options", _("Two answers have the same value.")))
        if kind not in ("choice", "multiple_choice"):
            problems.append(
                Problem(f"{path}.options", _("Only choice questions have answers to choose."))
            )
    if kind != "group":
        for key in ("questions", "item_label", "add_label", "min_items", "max_items"):
            if key in question:
                problems.append(
                    Problem(
                        f"{path}.{key}", _("Only a repeating group has “%(name)s”.") % {"name": key}
                    )
                )
    if kind == "group":
        for index, inner in enumerate(question.get("questions", [])):
            inner_path = f"{path}.questions[{index}]"
            if inner["type"] in ("group", "file", "declaration"):
                problems.append(
                    Problem(
                        f"{inner_path}.type",
                        _(
                            "A repeating group cannot contain another group, "
                            "a file upload or a declaration."
                        ),
                    )
                )
            for key in ("show_if", "prefill", "months_after"):
                if key in inner:
                    problems.append(
                        Problem(
                            f"{inner_path}.{key}",
                            _("Questions inside a repeating group cannot use “%(name)s”.")
                            % {"name": key},
                        )
                    )
    size_mb = question.get("max_size_mb")
    if isinstance(size_mb, int) and size_mb * MEGABYTE > upload_limit():
        problems.append(
            Problem(
                f"{path}.max_size_mb",
                _(
                    "The portal takes files of up to %(size)s: "
                    "write a smaller number or leave it out."
                )
                % {"size": size_text(upload_limit())},
            )
        )
    prefill = question.get("prefill")
    if prefill and kind not in PREFILL_TYPES[prefill]:
        problems.append(
            Problem(
                f"{path}.prefill",
                _("“%(source)s” cannot fill a question of type “%(type)s”.")
                % {"source": prefill, "type": kind},
            )
        )
    if (
        kind == "group"
        and "max_items" not in question
        and question.get("min_items", 0) > MAX_GROUP_ITEMS
    ):
        problems.append(
            Problem(
                f"{path}.min_items",
                ngettext(
                    "Without “max_items”, a group takes at most %(count)s entry.",
                    "Without “max_items”, a group takes at most %(count)s entries.",
                    MAX_GROUP_ITEMS,
                )
                % {"count": MAX_GROUP_ITEMS},
            )
        )
    for low, high in (("min", "max"), ("min_length", "max_length"), ("min_items", "max_items")):
        if low in question and high in question and question[low] > question[high]:
            problems.append(Problem(f"{path}.{high}", _("This is below “%(low)s”.") % {"low": low}))
    if "pattern" in question:
        try:
            re.compile(question["pattern"])
        except re.error:
            problems.append(
                Problem(f"{path}.pattern", _("This is not a valid regular expression."))
            )
    return problems


class _AliasRefused(yaml.YAMLError):
    def __init__(self, mark: Any) -> None:
        super().__init__()
        self.problem_mark = mark


class _DefinitionLoader(yaml.SafeLoader):
    """YAML without anchors and aliases (``&name`` and ``*name``): a few hundred
    bytes of nested aliases expand to millions of values, so they are refused
    as they are read, before anything is built from them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AliasRefused(event.start_mark)
        return super().compose_node(parent, index)


def definition_parse(text: str) -> Any:
    """YAML (of which JSON is a part) to plain data; raises DefinitionError."""
    try:
        return yaml.load(text, Loader=_DefinitionLoader)  # noqa: S506  # a SafeLoader
    except _AliasRefused as error:
        mark = error.problem_mark
        raise DefinitionError(
            [
                Problem(
                    _("line %(line)s, column %(column)s")
                    % {"line": mark.line + 1, "column": mark.column + 1},
                    _(
                        "Anchors and aliases (“&” and “*”) are not allowed in a "
                        "definition: write each part out in full."
                    ),
                )
            ]
        ) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = (
            _("line %(line)s, column %(column)s")
            % {"line": mark.line + 1, "column": mark.column + 1}
            if mark is not None
            else ""
        )
        raise DefinitionError(
            [
                Problem(
                    where,
                    _("This is not valid YAML or JSON: %(problem)s")
                    % {"problem": getattr(error, "problem", "") or error},
                )
            ]
        ) from error


def definition_check(data: Any) -> dict[str, Any]:
    """``data`` if it is a complete, runnable definition; raises DefinitionError
    listing every problem otherwise."""
    problems = _schema_problems(data)
    if not problems:
        problems = _rule_problems(data)
    if problems:
        raise DefinitionError(problems)
    checked: dict[str, Any] = data
    return checked


def definition_load(text: str) -> dict[str, Any]:
    return definition_check(definition_parse(text))
