"""The import-linter contracts in pyproject.toml hold for the project, and a
wrong import in a throwaway copy of the layout is reported by name."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# What the lint-imports script runs, with this interpreter whatever is on PATH.
LINT_IMPORTS = "import sys; from importlinter import cli; sys.exit(cli.lint_imports_command())"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("importlinter") is None,
    reason="import-linter is not installed (pip install -r requirements/dev.txt)",
)


def _lint_imports(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-logo", "--no-cache"],
        cwd=directory,
        env={"PATH": "", "PYTHONPATH": str(directory), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _write(root: Path, modules: dict[str, str]) -> None:
    for dotted, source in modules.items():
        package = root.joinpath(*dotted.split("."))
        package.mkdir(parents=True, exist_ok=True)
        (package / "__init__.py").write_text(source, encoding="utf-8")


# The packages the contracts name, each empty unless given a source below.
LAYOUT = [
    "bawaba",
    "bawaba.core",
    "bawaba.core.tests",
    "bawaba.notifications",
    "bawaba.notifications.tests",
    "bawaba.accounts",
    "bawaba.accounts.tests",
    "bawaba.catalogue",
    "bawaba.catalogue.tests",
    "bawaba.payments",
    "bawaba.eservices",
    "bawaba.complaints",
    "bawaba.participation",
    "bawaba.participation.consultations",
    "bawaba.participation.forums",
    "bawaba.participation.blogs",
    "bawaba.participation.surveys",
    "config",
    "tests",
    "bench",
    "sandboxes",
]


@pytest.fixture
def throwaway(tmp_path: Path) -> Path:
    """The project's own contracts over an empty copy of its layout, where,
    as in the project, a test builds what it needs from a higher app."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    _write(tmp_path, dict.fromkeys(LAYOUT, ""))
    _write(
        tmp_path,
        {
            "bawaba.notifications.tests.test_outbox": (
                "from bawaba.accounts.tests import factories\n"
            ),
            "bawaba.accounts.tests.factories": "from bawaba.accounts import models\n",
            "bawaba.accounts.models": "",
        },
    )
    return tmp_path


def test_the_projects_layers_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_clean_layout_keeps_every_contract(throwaway):
    _write(
        throwaway,
        {
            "bawaba.eservices.actions": "from bawaba.catalogue import selectors\n",
            "bawaba.catalogue.selectors": "import bawaba.notifications.events\n",
            "bawaba.notifications.events": "from bawaba.core import text\n",
            "bawaba.core.text": "",
        },
    )
    result = _lint_imports(throwaway)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_lower_app_importing_a_higher_one_is_named(throwaway):
    _write(
        throwaway,
        {
            "bawaba.notifications.events": "from bawaba.catalogue import models\n",
            "bawaba.catalogue.models": "",
        },
    )
    result = _lint_imports(throwaway)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Apps import only the apps below them BROKEN" in result.stdout
    assert "bawaba.notifications is not allowed to import bawaba.catalogue" in result.stdout
    assert "bawaba.notifications.events -> bawaba.catalogue.models (l.1)" in result.stdout


def test_code_importing_tests_or_benchmarks_is_named(throwaway):
    _write(
        throwaway,
        {
            "bawaba.accounts.adapter": "\nfrom bawaba.accounts.tests import factories\n",
            "config.urls": "import bench.load\n",
            "bench.load": "",
        },
    )
    result = _lint_imports(throwaway)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Only tests and benchmarks import tests and benchmarks BROKEN" in result.stdout
    assert "Apps import only the apps below them KEPT" in result.stdout
    assert "bawaba.accounts.adapter -> bawaba.accounts.tests.factories (l.2)" in result.stdout
    assert "config.urls -> bench.load (l.1)" in result.stdout


def test_sibling_domain_apps_do_not_import_each_other(throwaway):
    _write(
        throwaway,
        {
            "bawaba.complaints.actions": "from bawaba.eservices import models\n",
            "bawaba.eservices.models": "",
        },
    )
    result = _lint_imports(throwaway)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Apps import only the apps below them BROKEN" in result.stdout
    assert "bawaba.complaints.actions -> bawaba.eservices.models (l.1)" in result.stdout
