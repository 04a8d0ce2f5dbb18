import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

PAGES = ["catalogue:home", "core:commitments", "core:accessibility", "core:privacy", "core:contact"]


def _in(language: str, url_name: str) -> str:
    with translation.override(language):
        return reverse(url_name)


def _arabic(text: str) -> str:
    with translation.override("ar"):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no Arabic translation"
    return translated


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("ar-BH,ar;q=0.9", "/ar/"), ("fr-FR", "/ar/"), (None, "/ar/")],
)
def test_root_picks_language_from_accept_language_with_arabic_as_default(
    client, accept_language, expected
):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PAGES)
@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_every_information_page_is_served_in_both_languages_with_direction(
    client, url_name, language, direction
):
    response = client.get(_in(language, url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert 'href="#main"' in html  # skip link
    assert "80008001" in html and "+973 80008001" in html  # contact centre in the footer


@pytest.mark.django_db
def test_language_switch_keeps_the_same_page_and_query(client):
    response = client.get("/en/search/?q=privacy")
    assert 'href="/ar/search/?q=privacy"' in response.content.decode()
    response = client.get("/ar/commitments/")
    assert 'href="/en/commitments/"' in response.content.decode()


@pytest.mark.django_db
def test_arabic_pages_are_in_arabic(client):
    html = client.get("/ar/commitments/").content.decode()
    assert _arabic("Our commitments") in html
    assert _arabic("Every page is in Arabic and in English.") in html


def _content_links(html: str) -> list[str]:
    """The links of the page's own content (the header and footer are every page's)."""
    main = html[html.index('id="main"') : html.index("</main>")]
    return re.findall(r'<a [^>]*href="([^"]+)"', main)


@pytest.mark.django_db
def test_commitments_promise_nothing_the_portal_does_not_do(client):
    html = client.get("/en/commitments/").content.decode()
    for promise in ["rate services", "surveys", "consultations", "complaint form", "99%"]:
        assert promise not in html, promise
    for kept in ["last reviewed", "Arabic and in English", "two-step verification", "80008001"]:
        assert kept in html, kept


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_commitment_links_to_a_page_that_answers(client, citizen, language):
    """Each promise links to where it is kept, and each of those pages opens (for a
    signed-in person, as some of them are their own)."""
    client.force_login(citizen)
    html = client.get(f"/{language}/commitments/").content.decode()
    links = _content_links(html)
    assert len(links) >= 10, links
    for link in links:
        assert link.startswith("/"), link
        assert client.get(link).status_code == 200, link
    content = html[html.index("<h1") : html.index("</main>")]
    promises = re.findall(r"<li>(.*?)</li>", content, re.S)
    assert len(promises) >= 10
    unlinked = [promise for promise in promises if "<a " not in promise]
    assert not unlinked, unlinked


@pytest.mark.django_db
def test_not_found_page_is_translated_and_answers_404(client):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    assert _arabic("Page not found") in response.content.decode()
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_renders_in_the_request_language(rf):
    from bawaba.core.views import server_error

    request = rf.get("/ar/")
    request.request_id = "abc123def456"
    with translation.override("ar"):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert _arabic("Sorry, there is a problem with the service") in html
    assert '<bdi dir="ltr" class="isolate-code">abc123def456</bdi>' in html


@pytest.mark.django_db
def test_forged_form_gets_the_translated_csrf_page(settings):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/accounts/login/", {"login": "a@b.example", "password": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp)
    assert script_src and "'self'" in script_src.group(1)
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_a_well_formed_request_id_from_the_proxy_is_kept(client):
    response = client.get("/en/", headers={"X-Request-ID": "edge-1234-abcd"})
    assert response["X-Request-ID"] == "edge-1234-abcd"
    response = client.get("/en/", headers={"X-Request-ID": "bad id with spaces"})
    assert response["X-Request-ID"] != "bad id with spaces"


@pytest.mark.django_db
def test_pages_load_nothing_from_another_host(client, settings):
    settings.PORTAL_URL = "https://www.bawaba.example"
    for language in ("ar", "en"):
        html = client.get(_in(language, "catalogue:home")).content.decode()
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            # The page in each language is named at the portal's own address.
            if url.startswith(settings.PORTAL_URL + "/"):
                continue
            assert not url.startswith(("http://", "https://", "//")), url


@pytest.mark.django_db
def test_each_page_names_itself_in_both_languages_at_the_public_address(client, settings):
    settings.PORTAL_URL = "https://www.bawaba.example"
    html = client.get("/en/search/?q=passport").content.decode()
    assert (
        '<link rel="alternate" hreflang="ar" href="https://www.bawaba.example/ar/search/?q=passport">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="https://www.bawaba.example/en/search/?q=passport">'
        in html
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "signed_in"),
    [("/en/", False), ("/ar/contact/message/", False), ("/ar/accounts/dashboard/", True)],
)
def test_first_views_weigh_under_150_kb_without_fonts(client, citizen, path, signed_in):
    from django.contrib.staticfiles import finders

    if signed_in:
        client.force_login(citizen)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content
    total = len(html)
    # Each file once: the icon sprite is named by every icon (icons.svg#name).
    for name in {path.decode() for path in re.findall(rb'(?:src|href)="/static/([^"#]+)', html)}:
        if name.startswith("fonts/"):
            continue
        found = finders.find(name)
        assert found, name
        with open(found, "rb") as handle:
            total += len(handle.read())
    assert total < 150 * 1024, total


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_forbidden_and_bad_request_pages_are_translated(rf, language):
    from django.contrib.auth.models import AnonymousUser

    from bawaba.core.views import bad_request, permission_denied

    request = rf.get(f"/{language}/")
    request.user = AnonymousUser()
    with translation.override(language):
        forbidden = permission_denied(request)
        bad = bad_request(request)
        assert forbidden.status_code == 403
        assert translation.gettext("You cannot open this page") in forbidden.content.decode()
        assert bad.status_code == 400
        assert (
            translation.gettext("Sorry, we could not understand that request")
            in bad.content.decode()
        )


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/ar/services/renew-passport/?q=1", "en", "/en/services/renew-passport/?q=1"),
        ("/en/services/", "ar", "/ar/services/"),
        ("/en/", "ar", "/ar/"),
        ("/en/search/?q=%D8%AC%D9%88%D8%A7%D8%B2", "ar", "/ar/search/?q=%D8%AC%D9%88%D8%A7%D8%B2"),
        ("/healthz", "ar", "/healthz"),  # not a page in a language: as Django's resolver says
    ],
)
def test_the_same_page_in_the_other_language(path, language, expected):
    from django.utils import translation

    from bawaba.core.templatetags.portal import _in_language

    with translation.override(path.split("/")[1] if path.count("/") > 1 else "en"):
        assert _in_language(path, language) == expected


def test_filter_options_escape_names_and_choose_the_selected_one():
    from types import SimpleNamespace

    from bawaba.core.templatetags.portal import select_options

    items = [
        SimpleNamespace(slug="families", name="Families & children"),
        SimpleNamespace(slug="business", name='<script>alert("x")</script>'),
    ]
    assert select_options(items, "business") == (
        '<option value="families">Families &amp; children</option>'
        '<option value="business" selected>'
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</option>"
    )
    assert " selected" not in str(select_options(items, ""))
