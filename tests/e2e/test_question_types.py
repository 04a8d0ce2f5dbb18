"""Every page of every demo e-service, so every question type, passes axe-core
(Arabic for half of them, English for the other half)."""

from pathlib import Path

import pytest
from django.conf import settings

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.definition import QUESTION_TYPES, definition_load
from bawaba.eservices.journey import pages_shown
from bawaba.eservices.tests.samples import application_for, published_eservice
from tests.e2e.conftest import axe_violations, sign_in

DEFINITIONS = sorted((Path(settings.BASE_DIR) / "demo" / "eservices").glob("*.yaml"))


def test_the_demo_definitions_use_every_question_type_the_journey_asks():
    used = set()
    for path in DEFINITIONS:
        for page in definition_load(path.read_text(encoding="utf-8"))["pages"]:
            used |= {question["type"] for question in page["questions"]}
    assert used == set(QUESTION_TYPES)


@pytest.mark.parametrize("index", range(len(DEFINITIONS)), ids=[path.stem for path in DEFINITIONS])
def test_every_page_of_every_demo_e_service_has_no_axe_violations(page, live_server, index):
    path = DEFINITIONS[index]
    language = "ar" if index % 2 == 0 else "en"
    source = path.read_text(encoding="utf-8")
    data = definition_load(source)
    service = ServiceFactory.create(slug=data["service"], provider=OrganisationFactory.create())
    definition = published_eservice(service, source)
    applicant = UserFactory.create()
    application = application_for(definition, applicant=applicant)
    sign_in(page.context, live_server, applicant)
    for item in pages_shown(data, {}):
        page.goto(f"/{language}/applications/{application.pk}/pages/{item['id']}/")
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == [], item["id"]
    # The check-your-answers page with nothing answered yet.
    page.goto(f"/{language}/applications/{application.pk}/check/")
    assert axe_violations(page) == []
