"""The only module that reads the process environment.

Settings modules call these helpers; nothing else in Bawaba touches ``os.environ``.
A ``.env`` file at the project root, when present, supplies defaults that real
environment variables override (handy for development; production uses the
environment itself).
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _read_dotenv(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    return values


_DOTENV = _read_dotenv(BASE_DIR / ".env")


class ImproperlyConfiguredEnv(Exception):
    """A required variable is missing or malformed."""


def get(name: str, default: str | None = None) -> str | None:
    if name in os.environ:
        return os.environ[name]
    return _DOTENV.get(name, default)


def string(name: str, default: str = "") -> str:
    value = get(name)
    return default if value is None else value


def required(name: str) -> str:
    value = get(name)
    if not value:
        raise ImproperlyConfiguredEnv(f"The environment variable {name} must be set.")
    return value


def boolean(name: str, default: bool = False) -> bool:
    value = get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(f"{name} must be true or false, not {value!r}.")


def integer(name: str, default: int) -> int:
    value = get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfiguredEnv(f"{name} must be a whole number, not {value!r}.") from exc


def number(name: str, default: float) -> float:
    value = get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ImproperlyConfiguredEnv(f"{name} must be a number, not {value!r}.") from exc


def string_list(name: str, default: list[str] | None = None) -> list[str]:
    value = get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]
