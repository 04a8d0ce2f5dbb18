"""Demo blog posts (``demo.json``): written by the demo editor and published
by the demo approver through the same four-eyes review as real posts; one
waits for review. Idempotent: a post whose title exists is left alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from bawaba.accounts.models import Organisation, User
from bawaba.participation.blogs import actions
from bawaba.participation.blogs.models import Post
from bawaba.participation.demo import DemoLoader, demo_loader_register

DEMO_FILE = Path(__file__).with_name("demo.json")


@transaction.atomic
def demo_blogs_load() -> int:
    """Create the demo posts; returns how many were created (0 when the demo
    organisation or accounts are not loaded)."""
    data: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    organisation = Organisation.objects.filter(slug=data["organisation"]).first()
    editor = User.objects.filter(email=data["editor"]).first()
    approver = User.objects.filter(email=data["approver"]).first()
    if organisation is None or editor is None or approver is None:
        return 0
    created = 0
    for row in data["posts"]:
        texts = {name: row.get(name, "") for name in actions.POST_FIELDS}
        same = Q(title_ar=texts["title_ar"], title_en=texts["title_en"])
        if Post.objects.filter(same, organisation=organisation).exists():
            continue
        post = actions.post_create(
            organisation=organisation,
            user=editor,
            data={**texts, "allows_comments": True},
        )
        post = actions.post_submit(post=post, user=editor)
        if row.get("publish"):
            actions.post_publish(post=post, user=approver)
        created += 1
    return created


def register_demo() -> None:
    """Give ``load_demo_participation`` this space's loader (from the app's ready())."""
    demo_loader_register(DemoLoader(space="blogs", what="blog posts", load=demo_blogs_load))
