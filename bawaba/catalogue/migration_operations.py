"""Operations that several apps' migrations share (migrations call these rather
than keep copies of the same function)."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def authors_become_contributors(app_label: str, *model_names: str) -> migrations.RunPython:
    """Versions saved before contributors were kept: their author is the one known
    contributor. For every model of the abstract ``Revision``."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        for name in model_names:
            model = apps.get_model(app_label, name)
            through = model.contributors.through
            owner = model._meta.model_name + "_id"
            through.objects.bulk_create(
                [
                    through(**{owner: pk, "user_id": author_id})
                    for pk, author_id in model.objects.values_list("pk", "author_id")
                ],
                ignore_conflicts=True,
            )

    return migrations.RunPython(forwards, migrations.RunPython.noop)
