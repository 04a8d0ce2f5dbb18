"""The demo blog posts load through four eyes, once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from bawaba.catalogue.workflow import RevisionState
from bawaba.participation.blogs.models import Post

pytestmark = pytest.mark.django_db


def test_the_demo_posts_load_once_published_by_another_person(settings):
    settings.DEMO_DATA_ALLOWED = True
    call_command("load_demo")
    call_command("load_demo_participation", "blogs")
    call_command("load_demo_participation", "blogs")
    posts = Post.objects.all()
    assert posts.count() == 4
    published = posts.filter(review_state=RevisionState.PUBLISHED)
    assert published.count() == 3
    assert all(post.published_by_id != post.author_id for post in published)
    assert posts.filter(review_state=RevisionState.IN_REVIEW).count() == 1
    assert sorted(len(post.languages) for post in published) == [1, 1, 2]
