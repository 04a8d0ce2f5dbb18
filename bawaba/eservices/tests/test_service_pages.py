"""A published e-service is the one source of its fee, processing time and
documents: the service page and the start page show the definition's, and
the demo catalogue agrees with every demo e-service."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape

from bawaba.catalogue.demo import service_rows
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.core.money import format_dinars
from bawaba.eservices.definition import definition_load
from bawaba.eservices.facts import definition_facts
from bawaba.eservices.tests.samples import published_eservice

DEMO = Path(settings.BASE_DIR) / "demo" / "eservices"
DEFINITIONS = sorted(DEMO.glob("*.yaml"))


def _facts(data, language):
    with translation.override(language):
        return definition_facts(data, language)


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda path: path.stem)
def test_every_demo_service_page_agrees_with_its_e_service(path):
    data = definition_load(path.read_text(encoding="utf-8"))
    [row] = [row for row in service_rows() if row["slug"] == data["service"]]
    english, arabic = _facts(data, "en"), _facts(data, "ar")
    assert row["fee_fils"] == english.fee_fils
    if english.fee_fils is None:
        assert row["fee_note"] == {"ar": arabic.fee, "en": english.fee}
    assert row["processing_days"] == data["sla_working_days"]
    assert row["processing_time"] == {"ar": arabic.processing_time, "en": english.processing_time}
    assert row["documents"] == {"ar": arabic.documents, "en": english.documents}


@pytest.mark.django_db
@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda path: path.stem)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_service_page_shows_the_e_services_fee_time_and_documents(client, path, language):
    cache.clear()
    source = path.read_text(encoding="utf-8")
    data = definition_load(source)
    # The page's own facts are out of date: the e-service's must be shown.
    service = ServiceFactory.create(
        slug=data["service"],
        fee_fils=1234,
        processing_time_en="99 working days",
        processing_time_ar="99 يوم عمل",
        documents_en="An old document",
        documents_ar="مستند قديم",
    )
    published_eservice(service, source)
    facts = _facts(data, language)
    html = client.get(f"/{language}/services/{service.slug}/").content.decode()
    assert "Apply online" in html or "التقديم" in html
    assert format_dinars(1234, language) not in html
    assert "99 working days" not in html and "99 يوم عمل" not in html
    assert "An old document" not in html and "مستند قديم" not in html
    if facts.fee_fils:
        assert f"<bdi>{format_dinars(facts.fee_fils, language)}</bdi>" in html
    elif facts.fee_fils is None:
        assert escape(facts.fee) in html
    assert facts.processing_time in html
    for document in facts.documents:
        assert escape(document) in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda path: path.stem)
def test_every_start_page_states_the_fee(client, path):
    source = path.read_text(encoding="utf-8")
    data = definition_load(source)
    published_eservice(ServiceFactory.create(slug=data["service"]), source)
    facts = _facts(data, "en")
    html = client.get(f"/en/services/{data['service']}/apply/").content.decode()
    if facts.fee_fils == 0:
        assert "There is no fee." in html
    elif facts.fee_fils:
        assert f"The fee is <bdi>{format_dinars(facts.fee_fils, 'en')}</bdi>." in html
    else:
        assert f"The fee: {escape(facts.fee)}" in html
    assert f"We decide within {data['sla_working_days']} working day" in html
