"""Settings modules build on base.py by copying its upper-case names.

This replaces the usual ``from .base import *``: the names an environment
inherits are explicit (every upper-case setting) and linters keep working.
"""

from __future__ import annotations

import copy
from types import ModuleType
from typing import Any


def inherit(namespace: dict[str, Any], base: ModuleType) -> None:
    for name, value in vars(base).items():
        if name.isupper():
            namespace[name] = copy.deepcopy(value)
