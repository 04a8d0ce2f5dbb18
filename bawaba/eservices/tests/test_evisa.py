"""The demo e-visa over HTTP: the visitor's passport and nationality come from
the account, and the dates are checked as its hints say."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from bawaba.accounts.constants import Residency
from bawaba.accounts.tests.factories import UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import Application
from bawaba.eservices.tests.samples import published_eservice

pytestmark = pytest.mark.django_db

SOURCE = (Path(settings.BASE_DIR) / "demo" / "eservices" / "electronic-visa.yaml").read_text(
    encoding="utf-8"
)


@pytest.fixture
def visitor(client):
    published_eservice(ServiceFactory.create(slug="electronic-visa"), SOURCE)
    person = UserFactory.create(
        residency=Residency.VISITOR,
        cpr="",
        passport_number="C01X00T47",
        nationality="GB",
        name_en="John Smith",
        preferred_language="en",
    )
    client.force_login(person)
    client.post("/en/services/electronic-visa/apply/")
    return Application.objects.get(applicant=person)


def _page(application, page):
    return f"/en/applications/{application.pk}/pages/{page}/"


def _box(html, name):
    at = html.index(f'name="{name}"')
    return html[html.rindex("<", 0, at) : html.index(">", at)]


def test_the_visitors_passport_number_and_nationality_are_filled_and_read_only(client, visitor):
    today = timezone.localdate()
    assert visitor.answers["passport_number"] == "C01X00T47"
    assert visitor.answers["nationality"] == "GB"
    client.post(_page(visitor, "applicant"), {"email": "john@bawaba.example"})
    arrival = today + datetime.timedelta(days=30)
    client.post(
        _page(visitor, "trip"),
        {
            "arrival_date": arrival.isoformat(),
            "length_of_stay": "days_14",
            "visit_purpose": "tourism",
            "stay_address": "Hotel, Manama",
        },
    )
    html = client.get(_page(visitor, "passport")).content.decode()
    assert "disabled" in _box(html, "passport_number")
    assert 'value="C01X00T47"' in _box(html, "passport_number")
    assert "disabled" in _box(html, "nationality")
    assert '<option value="GB" selected>United Kingdom</option>' in html
    response = client.post(
        _page(visitor, "passport"),
        {
            "passport_number": "X 999 999",
            "nationality": "FR",
            "passport_expiry": (arrival + datetime.timedelta(days=365)).isoformat(),
        },
    )
    assert response.status_code == 302
    visitor.refresh_from_db()
    assert visitor.answers["passport_number"] == "C01X00T47"
    assert visitor.answers["nationality"] == "GB"
    check = client.get(f"/en/applications/{visitor.pk}/check/").content.decode()
    assert "United Kingdom" in check
    arabic = client.get(f"/ar/applications/{visitor.pk}/pages/passport/")
    assert arabic.status_code == 200
    assert '<option value="GB" selected>المملكة المتحدة</option>' in arabic.content.decode()


def test_an_arrival_in_the_past_is_refused(client, visitor):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        _page(visitor, "trip"),
        {
            "arrival_date": yesterday.isoformat(),
            "length_of_stay": "days_14",
            "visit_purpose": "tourism",
            "stay_address": "Hotel, Manama",
        },
    )
    assert response.status_code == 200
    assert "“Date of arrival” cannot be in the past." in response.content.decode()


def test_a_passport_valid_for_less_than_six_months_after_arrival_is_refused(client, visitor):
    arrival = datetime.date(timezone.localdate().year + 1, 1, 10)
    client.post(
        _page(visitor, "trip"),
        {
            "arrival_date": arrival.isoformat(),
            "length_of_stay": "days_14",
            "visit_purpose": "tourism",
            "stay_address": "Hotel, Manama",
        },
    )
    expiry = arrival.replace(month=4)
    response = client.post(_page(visitor, "passport"), {"passport_expiry": expiry.isoformat()})
    assert response.status_code == 200
    assert (
        "“Passport expiry date” must be at least 6 months after “Date of arrival”: "
        f"10 July {arrival.year} or later."
    ) in response.content.decode()
    response = client.post(
        _page(visitor, "passport"), {"passport_expiry": arrival.replace(month=7).isoformat()}
    )
    assert response.status_code == 302


def test_the_issued_visa_names_the_nationality_in_the_documents_language(visitor):
    from bawaba.eservices.issuing import document_values

    assert document_values(visitor, "en")["nationality"] == "United Kingdom"
    assert document_values(visitor, "ar")["nationality"] == "المملكة المتحدة"
    assert document_values(visitor, "en")["passport_number"] == "C01X00T47"
