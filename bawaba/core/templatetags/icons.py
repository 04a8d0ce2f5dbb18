"""``{% icon "name" %}``: an icon from the portal's sprite (static/img/icons.svg).

Icons stand beside words that say the same thing, so they are hidden from
assistive technology and never take focus. Arrows and chevrons point the way
the page reads: CSS mirrors them in right-to-left pages (``icon--mirror``).
"""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

SPRITE = "img/icons.svg"
_MIRRORED = ("arrow-", "chevron-")


@register.simple_tag
def icon(name: str, extra_class: str = "") -> SafeString:
    classes = ["icon"]
    if name.startswith(_MIRRORED):
        classes.append("icon--mirror")
    if extra_class:
        classes.append(extra_class)
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        " ".join(classes),
        static(SPRITE),
        name,
    )
