"""The demo consultations load once, one open and one answered."""

from __future__ import annotations

from django.test import Client

from bawaba.accounts.demo import demo_load
from bawaba.participation.consultations.demo import demo_consultations_load
from bawaba.participation.consultations.models import Consultation, Phase


def test_the_demo_has_an_open_and_an_answered_consultation(db, client: Client):
    demo_load()
    assert demo_consultations_load() == 2
    assert demo_consultations_load() == 0
    phases = {c.slug: c.phase() for c in Consultation.objects.all()}
    assert phases == {
        "digital-services-policy": Phase.OPEN,
        "public-wifi-guidelines": Phase.ANSWERED,
    }
    page = client.get("/en/consultations/public-wifi-guidelines/").content.decode()
    assert "added covered car parks" in page
