"""A registry of adapters by name, filled by decorating each adapter class
(``@register("sandbox")``): the gateways' and the billers' alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
C = TypeVar("C")


class Registry(Generic[T]):
    def __init__(self, attribute: str) -> None:
        self._items: dict[str, T] = {}
        self._attribute = attribute  # the instance attribute that holds its name

    def register(self, name: str) -> Callable[[type[C]], type[C]]:
        """A class decorator: one instance of the class, known by ``name``."""

        def decorate(cls: type[C]) -> type[C]:
            instance: Any = cls()
            setattr(instance, self._attribute, name)
            self._items[name] = instance
            return cls

        return decorate

    def get(self, name: str) -> T:
        return self._items[name]

    def names(self) -> list[str]:
        return sorted(self._items)
