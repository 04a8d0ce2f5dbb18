from __future__ import annotations

from typing import Any

from django import template

from bawaba.catalogue import icons

register = template.Library()


@register.filter
def taxonomy_icon(item: Any) -> str:
    """``{% icon audience|taxonomy_icon %}``: the icon of an audience,
    category or life event."""
    return icons.taxonomy_icon(item)
