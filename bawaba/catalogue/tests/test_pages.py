import datetime

import pytest
from django.core.cache import cache
from django.utils import translation

from bawaba.accounts.tests.factories import UserFactory
from bawaba.catalogue.models import PageFeedback, Service
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.complaints.models import Complaint, Kind


def _results(html: str) -> str:
    """The list of matching services only (not the 'most used' suggestions)."""
    if '<ol class="service-list">' not in html:
        return ""
    return html.split('<ol class="service-list">', 1)[1].split("</ol>", 1)[0]


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_catalogue_pages_render_in_both_languages(client, catalogue, language):
    visa = catalogue["visa"]
    for path in [
        "/",
        "/search/?q=visa",
        "/search/?q=",
        "/services/",
        f"/services/{visa.slug}/",
        f"/services/{visa.slug}/report-a-problem/",
        "/audiences/visitors/",
        "/categories/banking/",
        "/providers/",
        f"/providers/{visa.provider.slug}/",
    ]:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.django_db
def test_service_page_has_the_fixed_structure(client, catalogue):
    html = client.get("/en/services/electronic-visa/").content.decode()
    for heading in [
        "Who can use it",
        "Documents you need",
        "How to apply",
        "Provider",
        "Is this page useful?",
        "Report a problem with this page",
    ]:
        assert heading in html
    assert "BD 2.000" in html
    assert "Apply online" in html and 'href="https://www.provider.example/apply"' in html
    assert "Last reviewed on 1 September 2026 by" in html
    arabic = client.get("/ar/services/electronic-visa/").content.decode()
    assert "2.000 د.ب" in arabic
    assert "التأشيرة الإلكترونية للزوار" in arabic


@pytest.mark.django_db
def test_service_down_for_maintenance_shows_a_notice_and_hides_the_online_button(client, db):
    service = ServiceFactory.create(
        availability="maintenance",
        availability_note_en="Back on Sunday at 08:00.",
        availability_note_ar="تعود الخدمة يوم الأحد الساعة 08:00.",
    )
    html = client.get(f"/en/services/{service.slug}/").content.decode()
    assert "This service is under maintenance" in html
    assert "Back on Sunday at 08:00." in html
    assert "button--start" not in html


@pytest.mark.django_db
def test_unpublished_service_and_inactive_provider_answer_404(client, catalogue):
    assert client.get("/en/services/draft-service/").status_code == 404
    assert client.get("/en/services/no-such-service/").status_code == 404
    provider = catalogue["loan"].provider
    provider.is_active = False
    provider.save()
    assert client.get("/en/services/personal-loan/").status_code == 404
    assert client.get(f"/en/providers/{provider.slug}/").status_code == 404


@pytest.mark.django_db
def test_search_page_filters_and_keeps_them_in_pagination(client, catalogue):
    def results(**params: str) -> str:
        return _results(client.get("/en/search/", params).content.decode())

    found = results(q="renew", audience="citizens")
    assert "Renew your passport" in found
    assert "Renew a residence permit" in found  # the factory's default audience is citizens
    assert "Renew your passport" not in results(q="renew", audience="visitors")
    assert "Certificate of good conduct" not in results(online="1", q="certificate")
    found = results(provider="gulf-pearl-bank")
    assert "Personal loan" in found and "Renew your passport" not in found
    # A filter naming nothing leaves no candidates: the page says so and helps.
    page = client.get("/en/search/", {"q": "renew", "provider": "no-such-provider"})
    assert page.status_code == 200
    assert "No services match your search" in page.content.decode()
    for number in range(25):
        ServiceFactory.create(title_en=f"Renew thing {number}", popularity=number)
    cache.clear()  # rendered pages are cached; these services bypassed publishing
    html = client.get("/en/search/", {"q": "renew", "audience": "citizens"}).content.decode()
    assert 'href="?q=renew&amp;audience=citizens&amp;page=2"' in html


@pytest.mark.django_db
def test_no_results_offers_help_popular_services_and_the_contact_centre(client, catalogue):
    html = client.get("/en/search/", {"q": "zzqx qqzz"}).content.decode()
    assert "No services match your search" in html
    assert "80008001" in html
    assert "Most used services" in html
    assert 'value="zzqx qqzz"' in html


@pytest.mark.django_db
def test_a_misspelt_query_still_finds_the_service(client, catalogue):
    assert "Renew your passport" in _results(
        client.get("/en/search/", {"q": "pasportt"}).content.decode()
    )


@pytest.mark.django_db
def test_search_finds_portal_pages_too(client, catalogue):
    html = client.get("/en/search/", {"q": "privacy"}).content.decode()
    assert 'href="/en/privacy/"' in html


@pytest.mark.django_db
def test_search_survives_hostile_input(client, catalogue):
    for query in ["%", "_", "'; DROP TABLE x; --", "a" * 5000, "<script>", "\x00"]:
        response = client.get("/en/search/", {"q": query, "page": "-1"})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.django_db
def test_a_to_z_lists_services_by_first_letter_in_each_language(client, catalogue):
    html = client.get("/en/services/", {"letter": "R"}).content.decode()
    assert "Renew your passport" in html and "Personal loan" not in html
    html = client.get("/ar/services/", {"letter": "ا"}).content.decode()
    assert "التأشيرة الإلكترونية للزوار" in html  # starts with ال


@pytest.mark.django_db
def test_useful_yes_and_no_are_recorded_and_no_leads_to_the_problem_form(client, catalogue):
    response = client.post("/en/services/electronic-visa/useful/", {"useful": "yes"})
    assert response["Location"] == "/en/services/electronic-visa/"
    assert list(PageFeedback.objects.values_list("useful", flat=True)) == [True]
    # A changed mind replaces the vote: one browser session counts once per page.
    response = client.post("/en/services/electronic-visa/useful/", {"useful": "no"})
    assert response["Location"] == "/en/services/electronic-visa/report-a-problem/"
    assert list(PageFeedback.objects.values_list("useful", flat=True)) == [False]
    assert client.get("/en/services/electronic-visa/useful/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_problem_report_reaches_the_provider_and_bad_input_is_explained(
    client, catalogue, language
):
    url = f"/{language}/services/electronic-visa/report-a-problem/"
    html = client.post(url, {"problem": "   "}).content.decode()
    assert _t(language, "There is a problem") in html
    assert _t(language, "Tell us what is wrong with this page.") in html
    response = client.post(url, {"problem": "The fee is out of date."})
    assert response.status_code == 302
    # The report is a suggestion case for the page's provider, not page feedback.
    report = Complaint.objects.get(details="The fee is out of date.")
    assert report.kind == Kind.SUGGESTION
    visa = Service.objects.select_related("provider").get(slug="electronic-visa")
    assert visa.provider.slug == "npra"
    assert (report.organisation_id, report.service_id) == (visa.provider_id, visa.pk)
    assert report.language == language
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/search/?q=renew",
        "/en/services/?letter=R",
        "/en/providers/",
        "/en/audiences/citizens/",
        "/en/providers/npra/",
    ],
)
def test_catalogue_pages_run_the_same_number_of_queries_whatever_the_catalogue_size(
    client, catalogue, path, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(path)
    # The provider's page lists the new services too.
    provider = catalogue["visa"].provider
    for number in range(30):
        ServiceFactory.create(
            title_en=f"Renew thing {number}", popularity=number, provider=provider
        )
    cache.clear()  # measure rendering, not the page cache
    with CaptureQueriesContext(connection) as large:
        client.get(path)
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


@pytest.mark.django_db
def test_service_page_query_count_does_not_grow_with_related_services(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    visa = catalogue["visa"]
    with CaptureQueriesContext(connection) as few:
        client.get("/en/services/electronic-visa/")
    visa.related.set([ServiceFactory.create() for _ in range(10)])
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/en/services/electronic-visa/")
    assert len(many) == len(few)


@pytest.mark.django_db
def test_anonymous_pages_are_cached_and_signed_in_ones_are_not(client, catalogue, citizen):
    assert client.get("/en/services/electronic-visa/")["X-Bawaba-Cache"] == "miss"
    assert client.get("/en/services/electronic-visa/")["X-Bawaba-Cache"] == "hit"
    assert client.get("/ar/services/electronic-visa/")["X-Bawaba-Cache"] == "miss"
    client.force_login(citizen)
    assert "X-Bawaba-Cache" not in client.get("/en/services/electronic-visa/")


@pytest.mark.django_db
def test_a_pending_message_is_never_cached_or_served_from_cache(client, catalogue):
    client.get("/en/services/electronic-visa/")
    client.post("/en/services/electronic-visa/useful/", {"useful": "yes"})
    html = client.get("/en/services/electronic-visa/").content.decode()
    assert "Thank you for your feedback." in html
    html = client.get("/en/services/electronic-visa/").content.decode()
    assert "Thank you for your feedback." not in html


@pytest.mark.django_db
def test_home_lists_audiences_in_their_set_order(client, catalogue):
    from bawaba.catalogue.models import Audience

    Audience.objects.filter(slug="visitors").update(position=0)
    Audience.objects.filter(slug="citizens").update(position=1)
    html = client.get("/en/").content.decode()
    assert html.index("/en/audiences/visitors/") < html.index("/en/audiences/citizens/")


@pytest.mark.django_db
def test_provider_directory_is_alphabetical_in_the_page_language(client, catalogue):
    from bawaba.accounts.tests.factories import OrganisationFactory

    OrganisationFactory.create(slug="zz", name_en="Zebra Authority", name_ar="أ هيئة")
    OrganisationFactory.create(slug="aa", name_en="Alpha Authority", name_ar="ي هيئة")
    english = client.get("/en/providers/").content.decode()
    assert english.index("Alpha Authority") < english.index("Zebra Authority")
    arabic = client.get("/ar/providers/").content.decode()
    assert arabic.index("أ هيئة") < arabic.index("ي هيئة")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("count", "wording"),
    [(1, "1 خدمة"), (2, "2 خدمتان"), (3, "3 خدمات"), (11, "11 خدمةً"), (12, "12 خدمةً")],
)
def test_arabic_counts_of_services_take_the_form_their_number_needs(client, count, wording):
    """From eleven to ninety-nine the counted noun is singular and accusative (خدمةً)."""
    from bawaba.accounts.tests.factories import OrganisationFactory

    provider = OrganisationFactory.create(slug="counted", name_ar="هيئة معدودة")
    ServiceFactory.create_batch(count, provider=provider, title_en="Counted thing")
    directory = client.get("/ar/providers/").content.decode()
    assert f'<span class="hint">{wording}</span>' in directory
    search = client.get("/ar/search/?q=counted").content.decode()
    assert f"{wording} مطابق" in search


@pytest.mark.django_db
def test_the_arabic_a_to_z_files_a_service_under_the_letter_after_the_article(client):
    ServiceFactory.create(title_ar="البطاقة الذكية: تجديد", title_en="Smart card renewal")
    ServiceFactory.create(title_ar="الإقامة: تجديد", title_en="Residence permit renewal")
    ServiceFactory.create(title_ar="بلاغ عن عطل", title_en="Report a fault")
    html = client.get("/ar/services/?letter=ب").content.decode()
    assert "البطاقة الذكية" in html and "بلاغ عن عطل" in html
    assert "الإقامة" not in html
    # In index order: the article set aside, "بطاقة" comes before "بلاغ".
    assert html.index("البطاقة الذكية") < html.index("بلاغ عن عطل")
    assert "الإقامة" in client.get("/ar/services/?letter=ا").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name_ar", "name_en", "language", "shown"),
    [
        ("مريم الحداد", "Maryam Alhaddad", "ar", "مريم الحداد"),
        ("مريم الحداد", "Maryam Alhaddad", "en", "Maryam Alhaddad"),
        ("مريم الحداد", "", "en", "مريم الحداد"),  # the other language's name
        ("", "", "en", None),  # no name: the provider, never the email address
    ],
)
def test_the_review_line_names_the_reviewer_in_the_pages_language(
    client, name_ar, name_en, language, shown
):
    reviewer = UserFactory.create(
        name_ar=name_ar, name_en=name_en, email="reviewer@ministry.example"
    )
    service = ServiceFactory.create(
        last_reviewed_on=datetime.date(2026, 9, 1), last_reviewed_by=reviewer
    )
    html = client.get(f"/{language}/services/{service.slug}/").content.decode()
    line = html.split('class="hint review-date">', 1)[1].split("</p>", 1)[0]
    expected = shown if shown is not None else service.provider.name_en
    if language == "ar" and shown is None:
        expected = service.provider.name_ar
    assert expected in line
    assert "reviewer@ministry.example" not in html


@pytest.mark.django_db
def test_a_services_address_is_what_the_resolver_gives_in_each_language(db):
    from django.urls import reverse, set_script_prefix

    service = ServiceFactory.create(slug="renew-passport-2")
    for language in ("ar", "en"):
        with translation.override(language):
            expected = reverse("catalogue:service", kwargs={"slug": service.slug})
            assert (
                service.get_absolute_url() == expected == f"/{language}/services/renew-passport-2/"
            )
    set_script_prefix("/portal/")
    try:
        with translation.override("en"):
            assert service.get_absolute_url() == "/portal/en/services/renew-passport-2/"
    finally:
        set_script_prefix("/")
