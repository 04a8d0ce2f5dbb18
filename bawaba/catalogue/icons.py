"""Which icon stands beside each audience, category and life event.

The icons are decorative (the name beside them says what they mean), so a
slug the catalogue adds later simply gets the default until someone picks
one here. Every name must be in the sprite (static/img/icons.svg), which
``tools/icons/build_icons.py`` builds from ``SPRITE`` below.
"""

from __future__ import annotations

from typing import Any

DEFAULT = "category"

AUDIENCES = {
    "citizens": "user",
    "residents": "home",
    "businesses": "building-store",
    "visitors": "plane-arrival",
    "government-employees": "building-bank",
}

LIFE_EVENTS = {
    "having-a-baby": "baby-carriage",
    "getting-married": "heart",
    "starting-school": "school",
    "starting-a-job": "briefcase",
    "moving-house": "truck",
    "buying-a-car": "car",
    "starting-a-business": "building-store",
    "retiring": "armchair",
    "visiting-the-kingdom": "luggage",
}

CATEGORIES = {
    "identity-and-residency": "id",
    "travel-and-visas": "plane",
    "traffic-and-vehicles": "car",
    "electricity-and-water": "bulb",
    "business-and-trade": "building-store",
    "employment-and-labour": "briefcase",
    "housing-and-property": "home",
    "health": "heartbeat",
    "education": "school",
    "family-and-social-support": "users-group",
    "justice-and-security": "scale",
    "taxes-and-customs": "receipt-tax",
    "pensions-and-insurance": "pig-money",
    "banking-and-insurance": "building-bank",
    "telecom-and-post": "mail",
    "municipal-services": "building-community",
    "tourism-and-culture": "building-monument",
}

# The page furniture: search, arrows on links that lead on, contact, providers.
INTERFACE = ("search", "arrow-right", "message", "phone", "building", "sort-a-z", "star")

_BY_KIND = {"audience": AUDIENCES, "category": CATEGORIES, "lifeevent": LIFE_EVENTS}

SPRITE = tuple(
    sorted({DEFAULT, *INTERFACE, *AUDIENCES.values(), *LIFE_EVENTS.values(), *CATEGORIES.values()})
)


def taxonomy_icon(item: Any) -> str:
    """The icon name for an Audience, Category or LifeEvent (by its slug)."""
    names = _BY_KIND.get(type(item).__name__.lower(), {})
    return names.get(getattr(item, "slug", ""), DEFAULT)
