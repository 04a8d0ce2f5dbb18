"""Test data for e-services: the demo definition and a way to publish one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from bawaba.accounts.tests.factories import StaffFactory, UserFactory
from bawaba.catalogue.models import Service
from bawaba.catalogue.workflow import RevisionState
from bawaba.eservices.definition import definition_load
from bawaba.eservices.models import Application, EService, EServiceDefinition
from bawaba.eservices.references import reference_new

SOURCE = (Path(settings.BASE_DIR) / "demo" / "eservices" / "renew-smart-card.yaml").read_text(
    encoding="utf-8"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def published_eservice(
    service: Service, source: str = SOURCE, **workflow: Any
) -> EServiceDefinition:
    """``service`` online with ``source`` as its published first version
    (``workflow`` overrides the definition's workflow settings)."""
    data = definition_load(source)
    data["workflow"].update(workflow)
    now = timezone.now()
    return EServiceDefinition.objects.create(
        eservice=EService.objects.create(service=service),
        version=1,
        source=source,
        data=data,
        state=RevisionState.PUBLISHED,
        author=StaffFactory.create(),
        decided_by=StaffFactory.create(),
        submitted_at=now,
        decided_at=now,
    )


def application_for(definition: EServiceDefinition, **fields: Any) -> Application:
    """An application under ``definition`` (a draft by a new applicant unless
    ``fields`` say otherwise), made directly rather than through the journey."""
    fields.setdefault("applicant", UserFactory.create())
    return Application.objects.create(
        reference=reference_new(),
        definition=definition,
        organisation=definition.eservice.service.provider,
        **fields,
    )


def act(client: Any, application: Application, move: str, **fields: Any) -> Any:
    """Post one move of the case page, with the revision the person saw."""
    application.refresh_from_db()
    data = {"move": move, "revision": application.revision, **fields}
    return client.post(f"/en/staff/applications/{application.pk}/act/", data)
