"""The Atom feeds: valid Atom, published posts only, newest first, per
provider and for all; a post written only in the other language is an
entry in its own language."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from bawaba.participation.blogs.models import Post
from bawaba.participation.blogs.tests.conftest import published_post

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314  # the portal's own feed
    assert root.tag == f"{ATOM}feed"
    return root


def _titles(root):
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


@pytest.fixture
def posts(provider, other_provider, editor, outsider_approver):
    old = published_post(provider, editor, slug="old", title_en="Older post")
    Post.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=2))
    published_post(
        provider, editor, slug="arabic", title_en="", body_en="", title_ar="تدوينة عربية"
    )
    published_post(other_provider, outsider_approver, slug="roads", title_en="Road works")
    Post.objects.create(
        organisation=provider, author=editor, slug="draft", title_en="A draft", body_en="x"
    )


def test_the_feed_of_every_blog_lists_published_posts_newest_first(client, posts):
    root = _feed(client, "/en/blogs/feed/")
    assert root.get(XML_LANG) == "en"
    titles = _titles(root)
    assert set(titles) == {"Older post", "تدوينة عربية", "Road works"}
    assert titles[-1] == "Older post" and "A draft" not in titles
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    link = entry.find(f"{ATOM}link")
    assert link is not None and link.get("href", "").startswith("http://127.0.0.1:8000/en/blogs/")
    assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")


def test_an_entry_only_in_the_other_language_says_its_language(client, posts):
    root = _feed(client, "/en/blogs/feed/")
    languages = {
        entry.findtext(f"{ATOM}title"): entry.get(XML_LANG)
        for entry in root.findall(f"{ATOM}entry")
    }
    assert languages["تدوينة عربية"] == "ar" and languages["Road works"] is None
    arabic = _feed(client, "/ar/blogs/feed/")
    assert arabic.get(XML_LANG) == "ar"
    assert "مواعيد جديدة للعيادات" in _titles(arabic)


def test_a_provider_s_feed_lists_only_its_posts(client, posts):
    root = _feed(client, "/en/blogs/health/feed/")
    assert set(_titles(root)) == {"Older post", "تدوينة عربية"}
    assert "Ministry of Health" in (root.findtext(f"{ATOM}title") or "")


def test_summaries_are_escaped_text(client, provider, editor):
    published_post(provider, editor, slug="markup", summary_en="<script>alert(1)</script>")
    response = client.get("/en/blogs/feed/")
    assert b"<script>" not in response.content
    root = ET.fromstring(response.content)  # noqa: S314  # the portal's own feed
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and "&lt;script&gt;" in (summary.text or "")
