"""Every service and provider page links to the contact form with the page's
provider (and service) filled in, in the page's language."""

import pytest

from bawaba.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Contact us about this service"), ("ar", "تواصلوا معنا بشأن هذه الخدمة")],
)
def test_a_service_page_links_to_contact_us_about_it(client, language, label):
    service = ServiceFactory.create(slug="renew-passport")
    html = client.get(f"/{language}/services/{service.slug}/").content.decode()
    url = (
        f"/{language}/contact/message/?provider={service.provider.slug}&amp;service=renew-passport"
    )
    assert f'<a href="{url}">{label}</a>' in html
    form = client.get(
        f"/{language}/contact/message/?provider={service.provider.slug}&service=renew-passport"
    )
    assert form.status_code == 200
