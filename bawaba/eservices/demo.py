"""Demo e-services: each file in demo/eservices/ becomes the published first
version of its service's definition (idempotent: existing ones are left alone)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bawaba.accounts.models import User
from bawaba.catalogue.cache import catalogue_changed
from bawaba.catalogue.models import Service
from bawaba.catalogue.workflow import RevisionState
from bawaba.eservices.definition import DefinitionError, definition_load
from bawaba.eservices.models import EService, EServiceDefinition

DEMO_FOLDER = Path(settings.BASE_DIR) / "demo" / "eservices"
# The demo definitions were written by one person and published by another.
AUTHOR = "editor@bawaba.example"
APPROVER = "approver@bawaba.example"


class DemoEServiceError(Exception):
    pass


@dataclass(frozen=True)
class DemoEServices:
    created: int
    total: int


@transaction.atomic
def demo_eservices_load(folder: Path = DEMO_FOLDER) -> DemoEServices:
    author = User.objects.get(email=AUTHOR)
    approver = User.objects.get(email=APPROVER)
    created = 0
    for path in sorted(folder.glob("*.yaml")):
        source = path.read_text(encoding="utf-8")
        try:
            data = definition_load(source)
        except DefinitionError as error:
            raise DemoEServiceError(f"{path.name}: {error}") from error
        try:
            service = Service.objects.get(slug=data["service"])
        except Service.DoesNotExist as error:
            raise DemoEServiceError(f"{path.name}: no service {data['service']!r}") from error
        eservice, _ = EService.objects.get_or_create(service=service)
        if eservice.definitions.exists():
            continue
        now = timezone.now()
        EServiceDefinition.objects.create(
            eservice=eservice,
            version=1,
            source=source,
            data=data,
            state=RevisionState.PUBLISHED,
            author=author,
            submitted_at=now,
            decided_by=approver,
            decided_at=now,
        )
        created += 1
    if created:
        catalogue_changed()  # service pages now link to the portal's own e-service
    return DemoEServices(created=created, total=EService.objects.count())
