"""The kit's model bases add no table: each domain app's case and history
models inherit them, with the app's own table and migration."""

import pytest

from bawaba.cases.models import AppendOnlyEvent, CaseFields


@pytest.mark.parametrize("base", [CaseFields, AppendOnlyEvent])
def test_the_bases_are_abstract(base):
    assert base._meta.abstract


def test_the_case_fields():
    names = [field.name for field in CaseFields._meta.fields]
    assert names == [
        "reference",
        "state",
        "organisation",
        "priority",
        "due_at",
        "decided_at",
        "assignee",
        "stage",
        "paused_at",
        "revision",
    ]


def test_the_history_row_fields():
    names = [field.name for field in AppendOnlyEvent._meta.fields]
    assert names == [
        "created_at",
        "actor",
        "action",
        "from_state",
        "state",
        "text",
        "visibility",
    ]
