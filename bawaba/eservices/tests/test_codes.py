"""References and codes are printed in one left-to-right isolate that does not
break across lines (the ``isolate:"code"`` filter), wherever people read them:
an application's reference on the applicant's and the case worker's pages, and
a document's verification code on the public check page."""

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.eservices.models import IssuedDocument
from bawaba.eservices.tests.samples import application_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(eservice):
    return staff_with_two_step(eservice.service.provider, "case_worker")


def _code(value):
    return f'<bdi dir="ltr" class="isolate-code">{value}</bdi>'


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_applicant_reads_the_reference_as_one_code(client, unpaid, language):
    client.force_login(unpaid.applicant)
    draft = application_for(unpaid.definition, applicant=unpaid.applicant)
    pages = {
        f"/{language}/applications/": unpaid.reference,
        f"/{language}/applications/{unpaid.pk}/": unpaid.reference,
        f"/{language}/applications/{draft.pk}/check/": draft.reference,
        f"/{language}/applications/{draft.pk}/pages/reason/": draft.reference,
        f"/{language}/services/renew-smart-card/apply/": draft.reference,
    }
    for path, reference in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert _code(reference) in response.content.decode(), path


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_case_worker_reads_the_reference_as_one_code(client, sent, worker, language):
    client.force_login(worker)
    for path in (f"/{language}/staff/applications/", f"/{language}/staff/applications/{sent.pk}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert _code(sent.reference) in response.content.decode(), path


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_public_reads_a_verification_code_as_one_code(client, sent, worker, language):
    IssuedDocument.objects.create(
        application=sent,
        verification_code="K7QM-3XDP-9HTA",
        kind="certificate",
        title_ar="إشعار تجديد بطاقة الهوية",
        title_en="Identity card renewal notice",
        holder_ar="مريم أحمد",
        holder_en="Maryam Ahmed",
        holder_identifier="900101234",
        language="ar",
        issued_at=timezone.now(),
        issued_by=worker,
    )
    response = client.get(f"/{language}/verify/K7QM-3XDP-9HTA/")
    assert response.status_code == 200
    assert _code("K7QM-3XDP-9HTA") in response.content.decode()
