"""The home page's icons and sections (static/img/icons.svg, catalogue.icons)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from bawaba.catalogue import icons
from bawaba.catalogue.models import Audience, Category, LifeEvent

SPRITE_FILE = Path(settings.BASE_DIR) / "static" / "img" / "icons.svg"


def _symbols() -> set[str]:
    return set(re.findall(r'<symbol id="([a-z0-9-]+)"', SPRITE_FILE.read_text()))


def test_the_committed_sprite_holds_exactly_the_icons_the_portal_names():
    assert _symbols() == set(icons.SPRITE)


def test_every_icon_a_template_names_is_in_the_sprite():
    named: set[str] = set()
    for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        named |= set(re.findall(r'{% icon "([a-z0-9-]+)"', template.read_text()))
    assert named, "no template uses {% icon %}"
    assert named <= _symbols(), named - _symbols()


def test_the_sprite_carries_its_licence_and_needs_no_other_host():
    text = SPRITE_FILE.read_text()
    assert "Tabler Icons" in text
    assert "http://www.w3.org/2000/svg" in text
    assert not re.search(r'(?:href|src)="(?:https?:)?//', text)
    licence = (SPRITE_FILE.parent / "icons-LICENSE.txt").read_text()
    assert "MIT License" in licence


def test_taxonomy_icons_go_by_kind_and_slug_with_a_default():
    assert icons.taxonomy_icon(Audience(slug="visitors")) == "plane-arrival"
    assert icons.taxonomy_icon(LifeEvent(slug="buying-a-car")) == "car"
    assert icons.taxonomy_icon(Category(slug="health")) == "heartbeat"
    assert icons.taxonomy_icon(Category(slug="visitors")) == icons.DEFAULT
    assert icons.taxonomy_icon(Audience(slug="someone-new")) == icons.DEFAULT


def test_the_demo_taxonomy_has_an_icon_for_every_entry():
    import json

    taxonomy = json.loads((Path(settings.BASE_DIR) / "demo/catalogue/taxonomy.json").read_text())
    assert {entry["slug"] for entry in taxonomy["audiences"]} <= set(icons.AUDIENCES)
    assert {entry["slug"] for entry in taxonomy["categories"]} <= set(icons.CATEGORIES)
    assert {entry["slug"] for entry in taxonomy["life_events"]} <= set(icons.LIFE_EVENTS)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_home_shows_search_top_tasks_contact_audiences_life_events_and_providers(
    client, catalogue, language
):
    from bawaba.catalogue.tests.factories import LifeEventFactory

    LifeEventFactory.create(slug="buying-a-car")
    cache.clear()
    html = client.get(f"/{language}/").content.decode()
    order = [
        'id="home-search"',
        'id="home-tasks"',
        'id="home-contact"',
        'id="home-audiences"',
        'id="home-life-events"',
        'id="home-categories"',
        'id="home-providers"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    with translation.override(language):
        assert translation.gettext("Top tasks") in html
        assert translation.gettext("Contact us") in html
    assert f'href="/{language}/contact/message/"' in html
    assert f'href="/{language}/services/electronic-visa/"' in html
    # Icons: hidden, from the self-hosted sprite, one per audience and life event.
    assert (
        'aria-hidden="true" focusable="false"><use href="/static/img/icons.svg#plane-arrival">'
        in html
    )
    assert "/static/img/icons.svg#car" in html
    assert "icons.svg#arrow-right" in html and "icon--mirror" in html


@pytest.mark.django_db
def test_home_shows_at_most_six_top_tasks_and_lists_the_rest(client, catalogue):
    from bawaba.catalogue.tests.factories import ServiceFactory

    for number in range(10):
        ServiceFactory.create(title_en=f"Popular thing {number}", popularity=10**6 - number)
    cache.clear()
    html = client.get("/en/").content.decode()
    tasks = html.split('id="home-tasks"')[1].split("</section>")[0]
    assert tasks.count('class="task-link"') == 6
    assert "Popular thing 5" in tasks and "Popular thing 6" not in tasks
    rest = html.split('id="home-popular"')[1].split("</section>")[0]
    assert "Popular thing 6" in rest
