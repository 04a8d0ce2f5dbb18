"""The demo data of the participation spaces, loaded after ``load_demo`` by
``load_demo_participation``. The foundation sits below the spaces and
names none of them: each space registers its loader from its
``AppConfig.ready()``, and the command runs them in the order they were
registered (the order of INSTALLED_APPS). A loader is idempotent and
returns how many records it created."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    """``space`` names it on the command line ("forums"); ``what`` is what
    it creates, for the command's report ("forum topics")."""

    space: str
    what: str
    load: Callable[[], int]


_LOADERS: dict[str, DemoLoader] = {}


def demo_loader_register(loader: DemoLoader) -> None:
    _LOADERS[loader.space] = loader


def demo_loaders() -> list[DemoLoader]:
    return list(_LOADERS.values())
