"""Pages punctuate lists, dates and sizes in their own language."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from bawaba.accounts.models import User
from bawaba.accounts.tests.factories import UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.core.audit import audit_record

pytestmark = pytest.mark.django_db
ARABIC_LETTERS = re.compile("[\u0621-\u064a]")


def _how_to_apply(html: str) -> str:
    row = html.split("How to apply" if "How to apply" in html else "طريقة التقديم", 1)[1]
    return re.sub(r"<[^>]+>", "", row.split("</dd>", 1)[0].split('summary-list__value">', 1)[1])


def test_the_ways_to_apply_take_the_comma_of_the_page(client):
    service = ServiceFactory.create(online=True, in_person=True, by_phone=True)
    english = client.get(f"/en/services/{service.slug}/").content.decode()
    assert _how_to_apply(english) == "Online, In person, By phone"
    arabic = client.get(f"/ar/services/{service.slug}/").content.decode()
    assert "،" in _how_to_apply(arabic) and "," not in _how_to_apply(arabic)


def test_a_date_and_time_on_an_arabic_page_takes_the_arabic_comma(client):
    person = UserFactory.create(preferred_language="ar")
    audit_record(action="accounts.signin.succeeded", actor=person)
    client.force_login(person)
    arabic = client.get("/ar/accounts/activity/").content.decode()
    assert re.search(r"\d{4}، \d\d:\d\d", arabic)
    assert not re.search(r"\d{4}, \d\d:\d\d", arabic)
    english = client.get("/en/accounts/activity/").content.decode()
    assert re.search(r"\d{4}, \d\d:\d\d", english)


def test_each_demo_address_is_written_in_its_owners_language(client):
    accounts = json.loads((Path(settings.BASE_DIR) / "demo" / "accounts.json").read_text("utf-8"))
    addresses = [account for account in accounts if account.get("address")]
    assert addresses
    for account in addresses:
        arabic = bool(ARABIC_LETTERS.search(account["address"]["area"]))
        assert arabic == (account["preferred_language"] == "ar"), account["email"]

    call_command("load_demo")
    client.force_login(User.objects.get(email="citizen@bawaba.example"))
    html = client.get("/ar/accounts/profile/").content.decode()
    assert "المنطقة السيف" in html
