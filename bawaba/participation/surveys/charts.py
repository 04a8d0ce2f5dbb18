"""Bar charts of a question's results, drawn on the server as SVG (no
script): one bar per option or point of the scale, growing from the start
of the line (the right in Arabic). The same figures are in a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

WIDTH = 400
ROW_HEIGHT = 44
BAR_HEIGHT = 16
LABEL_MAX = 60


def short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def chart(rows: Sequence[tuple[str, int, int]], *, rtl: bool) -> dict[str, Any]:
    """Geometry for rows of (label, count, percent)."""
    drawn = []
    for index, (label, count, percent) in enumerate(rows):
        width = round(WIDTH * max(0, min(percent, 100)) / 100)
        top = index * ROW_HEIGHT
        drawn.append(
            {
                "label": short(label),
                "count": count,
                "percent": percent,
                "text_x": WIDTH if rtl else 0,
                "text_y": top + 14,
                "bar_x": WIDTH - width if rtl else 0,
                "bar_y": top + 20,
                "bar_width": width,
            }
        )
    return {
        "rows": drawn,
        "width": WIDTH,
        "height": max(len(drawn), 1) * ROW_HEIGHT,
        "bar_height": BAR_HEIGHT,
        "direction": "rtl" if rtl else "ltr",
    }
