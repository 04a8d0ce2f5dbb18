"""What the forums add to the catalogue's pages: on a service's page, a link
to ask about it in the forum of its theme, with its provider chosen to
answer (the topic goes to that provider's moderators). And their demo
topics, for ``load_demo_participation``."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from bawaba.catalogue.page_extras import service_extra_register
from bawaba.participation.forums import demo


def service_ask(service: Any) -> str:
    # The page read its topic for the breadcrumb: no query here.
    category = service.theme
    if category is None:
        return ""
    url = reverse("forums:thread_new", kwargs={"slug": category.slug})
    return render_to_string(
        "forums/service_extra.html",
        {"service": service, "url": f"{url}?{urlencode({'provider': service.provider.slug})}"},
    )


def register() -> None:
    service_extra_register(service_ask)
    demo.register_demo()
