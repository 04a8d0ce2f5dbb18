"""Build static/img/icons.svg, the icon sprite, from Tabler Icons (MIT).

Only the icons the portal uses (``bawaba.catalogue.icons.SPRITE``) go in, each
as a ``<symbol id="name">`` for ``{% icon "name" %}``. The sprite is committed,
so running the portal needs no npm; rebuild it after changing the list:

    cd tools/icons && npm ci && npm run build

Standard library only.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from bawaba.catalogue.icons import SPRITE  # noqa: E402  # the path is set first

PACKAGE = HERE / "node_modules" / "@tabler" / "icons"
OUTLINE = PACKAGE / "icons" / "outline"
TARGET = ROOT / "static" / "img" / "icons.svg"
LICENCE = ROOT / "static" / "img" / "icons-LICENSE.txt"
SVG = "{http://www.w3.org/2000/svg}"
# Tabler's outline icons are strokes: these go on each symbol, so the icon
# takes the colour of the text around it (currentColor).
STROKE = (
    'fill="none" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round" stroke-linejoin="round"'
)


def _shapes(name: str) -> str:
    root = ET.parse(OUTLINE / f"{name}.svg").getroot()  # noqa: S314  # our own npm files
    parts = []
    for element in root:
        # Each icon starts with an invisible 24x24 box, which a sprite does not need.
        if element.get("stroke") == "none":
            continue
        tag = element.tag.removeprefix(SVG)
        attributes = " ".join(f'{key}="{escape(value)}"' for key, value in element.attrib.items())
        parts.append(f"<{tag} {attributes}/>")
    return "".join(parts)


def main() -> None:
    version = json.loads((PACKAGE / "package.json").read_text())["version"]
    symbols = "\n".join(
        f'<symbol id="{name}" viewBox="0 0 24 24" {STROKE}>{_shapes(name)}</symbol>'
        for name in SPRITE
    )
    TARGET.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg">\n'
        f"<!-- Tabler Icons {version} (MIT, see icons-LICENSE.txt); built by"
        f" tools/icons/build_icons.py -->\n{symbols}\n</svg>\n"
    )
    LICENCE.write_text(
        f"The icons in icons.svg are from Tabler Icons {version}, https://tabler.io/icons\n\n"
        + (PACKAGE / "LICENSE").read_text()
    )
    print(f"{TARGET.relative_to(ROOT)}: {len(SPRITE)} icons, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
