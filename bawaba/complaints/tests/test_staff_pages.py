"""The complaints back office over HTTP: who may see the queue, a case and
its attachments (anyone else gets a 404), what the queue shows of the person
(nothing but the subject), identity withheld from the provider but not from
a complaint manager, every opening in the access log, and bounded queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bawaba.accounts.constants import Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.models import ComplaintAttachment, Kind
from bawaba.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.fixture
def provider():
    return OrganisationFactory.create(name_en="Ministry of Works")


@pytest.fixture
def person():
    return UserFactory.create(
        name_en="Maryam Ahmed", email="maryam@bawaba.example", mobile="+97336000001"
    )


def _file(person, provider, **fields):
    return complaint_file(
        filing=Filing(
            kind=Kind.COMPLAINT,
            subject="Pothole on Road 2801",
            details="It has been there three weeks.",
            provider_id=provider.pk if provider else None,
            **fields,
        ),
        person=person,
    )


@pytest.fixture
def filed(person, provider):
    return _file(person, provider)


@pytest.fixture
def officer(provider):
    return staff_with_two_step(provider, Role.COMPLAINTS_OFFICER)


@pytest.fixture
def manager():
    return staff_with_two_step(OrganisationFactory.create(), Role.COMPLAINT_MANAGER)


def _attach(complaint):
    return ComplaintAttachment.objects.create(
        complaint=complaint,
        file=SimpleUploadedFile("photo.pdf", b"%PDF-1.4 road"),
        original_name="road photo.pdf",
        content_type="application/pdf",
        size=13,
    )


def test_the_queue_lists_the_provider_s_cases_with_the_subject_and_no_personal_data(
    client, filed, officer
):
    client.force_login(officer)
    html = client.get("/en/staff/complaints/").content.decode()
    assert filed.reference in html and "Pothole on Road 2801" in html
    for personal in ("Maryam Ahmed", "maryam@bawaba.example", "36000001"):
        assert personal not in html


def test_another_provider_s_officer_gets_404_on_the_case_and_its_attachment(client, filed):
    attached = _attach(filed)
    client.force_login(staff_with_two_step(OrganisationFactory.create(), Role.COMPLAINTS_OFFICER))
    assert filed.reference not in client.get("/en/staff/complaints/").content.decode()
    assert client.get(f"/en/staff/complaints/{filed.pk}/").status_code == 404
    assert (
        client.get(f"/en/staff/complaints/{filed.pk}/attachments/{attached.pk}/").status_code == 404
    )
    response = client.post(
        f"/en/staff/complaints/{filed.pk}/act/", {"move": "claim", "revision": filed.revision}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/en/staff/complaints/", "/en/staff/complaints/{pk}/"])
def test_people_and_staff_without_a_complaints_role_get_404(client, filed, provider, path):
    client.force_login(filed.person)
    assert client.get(path.format(pk=filed.pk)).status_code == 404
    client.force_login(staff_with_two_step(provider, Role.CASE_WORKER))
    assert client.get(path.format(pk=filed.pk)).status_code == 404


def test_the_attachment_reaches_only_those_who_may_open_the_case(client, filed, officer):
    attached = _attach(filed)
    client.force_login(officer)
    html = client.get(f"/en/staff/complaints/{filed.pk}/").content.decode()
    assert "road photo.pdf" in html
    response = client.get(f"/en/staff/complaints/{filed.pk}/attachments/{attached.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 road"
    assert response["Content-Disposition"].startswith("attachment;")
    assert filed.reference in response["Content-Disposition"]
    other = _file(filed.person, OrganisationFactory.create())
    assert (
        client.get(f"/en/staff/complaints/{other.pk}/attachments/{attached.pk}/").status_code == 404
    )


def test_a_manager_sees_the_triage_queue_and_an_officer_does_not(client, person, officer, manager):
    triaged = _file(person, None)
    assert triaged.organisation is None
    client.force_login(manager)
    assert triaged.reference in client.get("/en/staff/complaints/?triage=1").content.decode()
    assert triaged.reference not in client.get("/en/staff/complaints/").content.decode()
    assert client.get(f"/en/staff/complaints/{triaged.pk}/").status_code == 200
    client.force_login(officer)
    assert triaged.reference not in client.get("/en/staff/complaints/?triage=1").content.decode()
    assert client.get(f"/en/staff/complaints/{triaged.pk}/").status_code == 404


def test_the_case_page_shows_the_case_and_the_person_s_contact_details(client, filed, officer):
    client.force_login(officer)
    html = client.get(f"/en/staff/complaints/{filed.pk}/").content.decode()
    for shown in (
        filed.reference,
        "Pothole on Road 2801",
        "It has been there three weeks.",
        "Ministry of Works",
        "Maryam Ahmed",
        "maryam@bawaba.example",
        "Take this case",
    ):
        assert shown in html


def test_identity_withheld_hides_the_person_from_the_provider_but_not_from_a_manager(
    client, person, provider, officer, manager
):
    withheld = _file(person, provider, identity_withheld=True)
    client.force_login(officer)
    html = client.get(f"/en/staff/complaints/{withheld.pk}/").content.decode()
    assert "asked for their identity to be withheld" in html
    assert "Maryam Ahmed" not in html and "maryam@bawaba.example" not in html
    client.force_login(manager)
    html = client.get(f"/en/staff/complaints/{withheld.pk}/").content.decode()
    assert "Maryam Ahmed" in html and "maryam@bawaba.example" in html


def test_every_opening_of_a_case_is_in_the_access_log(client, filed, officer):
    client.force_login(officer)
    client.get(f"/en/staff/complaints/{filed.pk}/")
    client.get(f"/ar/staff/complaints/{filed.pk}/")
    opened = AuditEvent.objects.filter(action="complaints.case.opened", actor=officer)
    assert opened.count() == 2
    assert {event.data["complaint"] for event in opened} == {str(filed.pk)}


def test_the_pages_read_in_arabic(client, filed, officer):
    client.force_login(officer)
    assert "شكاوى" in client.get("/ar/staff/complaints/").content.decode()
    assert filed.reference in client.get(f"/ar/staff/complaints/{filed.pk}/").content.decode()


def test_the_queue_and_the_case_cost_a_bounded_number_of_queries(
    client, person, provider, officer, django_assert_max_num_queries
):
    cases = [_file(person, provider) for _ in range(3)]
    client.force_login(officer)
    client.get("/en/staff/complaints/")  # the working calendar, cached
    with django_assert_max_num_queries(12):
        client.get("/en/staff/complaints/")
    cases += [_file(person, provider) for _ in range(10)]
    for complaint in cases[:5]:
        _attach(complaint)
    with django_assert_max_num_queries(12):
        html = client.get("/en/staff/complaints/").content.decode()
    assert all(complaint.reference in html for complaint in cases)
    with django_assert_max_num_queries(18):
        client.get(f"/en/staff/complaints/{cases[0].pk}/")
