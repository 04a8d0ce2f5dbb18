"""The contact centre answers when the charter says (80008001, Sunday to
Thursday, 08:00 to 17:00), on the Contact page and on every provider page that
gives its number."""

import re

import pytest
from django.conf import settings

from bawaba.accounts.demo import demo_load
from bawaba.accounts.models import Organisation

CHARTER_HOURS = re.compile(r"08:00\D+17:00")
NUMBER = settings.PORTAL["CONTACT_CENTRE_NUMBER"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_page_giving_the_contact_centre_number_gives_the_charter_hours(client, language):
    demo_load()
    contact = client.get(f"/{language}/contact/").content.decode()
    assert NUMBER in contact and CHARTER_HOURS.search(contact)
    answering = Organisation.objects.filter(phone=NUMBER)
    assert answering.exists()
    for organisation in answering:
        hours = getattr(organisation, f"opening_hours_{language}")
        assert CHARTER_HOURS.search(hours), (organisation.slug, hours)
        page = client.get(f"/{language}/providers/{organisation.slug}/").content.decode()
        assert hours in page
