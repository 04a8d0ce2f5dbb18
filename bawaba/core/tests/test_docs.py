"""The newcomer's documents stay true to the code."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_env_example_lists_every_variable_the_settings_read():
    read = set()
    for path in (ROOT / "config").rglob("*.py"):
        read |= set(
            re.findall(
                r'env\.(?:string|boolean|integer|string_list|required|get)\("([A-Z_]+)"',
                path.read_text(),
            )
        )
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - listed == set()


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert "make run" in first_block and "make test" in first_block
