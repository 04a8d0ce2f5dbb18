"""Contact us for a signed-in person: a message filed with its attachment,
routed to the provider and acknowledged; problems in the page's error
summary, in its language, with what was typed kept; only the person's own
applications; files checked by content; a visitor is offered to sign in
(filing without an account: ``test_guest``)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.complaints.models import Complaint, ComplaintAttachment, Kind
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.samples import application_for, published_eservice
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "receipt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def person():
    return UserFactory.create(name_en="Layla Ahmed", mobile="36123456")


@pytest.fixture
def provider():
    return OrganisationFactory.create(slug="roads", name_en="Roads Agency", name_ar="هيئة الطرق")


def answers(organisation, **fields):
    return {
        "kind": Kind.COMPLAINT,
        "provider": organisation.slug,
        "subject": "Pothole on Road 28",
        "details": "It has been there for three weeks.",
        **fields,
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_person_files_a_complaint_with_an_attachment(client, person, provider, language):
    client.force_login(person)
    response = client.post(
        f"/{language}/contact/message/", {**answers(provider), "attachments": [pdf("photo.bat")]}
    )
    complaint = Complaint.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/accounts/cases/{complaint.pk}/?sent=1"
    assert (complaint.organisation, complaint.kind, complaint.language) == (
        provider,
        Kind.COMPLAINT,
        language,
    )
    assert complaint.contact_email == person.email
    assert Notification.objects.filter(recipient=person, event="complaint.received").exists()
    attachment = ComplaintAttachment.objects.get(complaint=complaint)
    assert (attachment.original_name, attachment.content_type) == ("photo.bat", "application/pdf")
    stored = str(attachment.file.name)
    assert stored.endswith(".pdf") and "photo" not in stored
    attachment.file.delete(save=False)
    page = client.get(response["Location"]).content.decode()
    assert complaint.reference in page


@pytest.mark.parametrize(
    ("language", "title", "kind_message", "subject_message"),
    [
        (
            "en",
            "There is a problem",
            "Choose an answer to “What would you like to tell us?”",
            "Enter “Subject”.",
        ),
        (
            "ar",
            "",
            "بمَ تودّون إبلاغنا؟",
            "«الموضوع»",
        ),
    ],
)
def test_missing_answers_are_listed_in_the_page_language_and_typed_text_is_kept(
    client, person, provider, language, title, kind_message, subject_message
):
    client.force_login(person)
    response = client.post(
        f"/{language}/contact/message/",
        {"provider": provider.slug, "details": "Typed before the problem.", "attachments": [pdf()]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "Typed before the problem." in html
    assert not Complaint.objects.exists()
    assert kind_message in html and subject_message in html
    if language == "en":
        assert title in html and "Choose your files again" in html
    else:
        assert "There is a problem" not in html and "Enter “Subject”." not in html
        assert "اختاروا ملفاتكم مرة أخرى" in html


def test_someone_elses_application_is_refused(client, person, provider):
    definition = published_eservice(ServiceFactory.create(slug="permit", provider=provider))
    mine = application_for(definition, applicant=person, state=ApplicationState.SUBMITTED)
    theirs = application_for(definition, state=ApplicationState.SUBMITTED)
    client.force_login(person)
    page = client.get("/en/contact/message/").content.decode()
    assert mine.reference in page and theirs.reference not in page
    for garbled in (f"application:{theirs.pk}", "application:not-an-id", "nothing"):
        response = client.post("/en/contact/message/", answers(provider, about=garbled))
        assert response.status_code == 200
        assert "Choose one of your applications or cases from the list" in response.content.decode()
    assert not Complaint.objects.exists()
    client.post("/en/contact/message/", answers(provider, about=f"application:{mine.pk}"))
    assert Complaint.objects.get().subject_id == str(mine.pk)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_visitor_is_offered_to_sign_in(client, provider, language):
    response = client.get(f"/{language}/contact/message/?provider=roads")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/{language}/accounts/login/?next=" in html
    assert "%2Fcontact%2Fmessage%2F%3Fprovider%3Droads" in html
    assert 'name="subject"' in html and 'name="attachments"' not in html


def test_a_wrong_file_type_is_refused(client, person, provider):
    client.force_login(person)
    fake = SimpleUploadedFile("photo.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post("/en/contact/message/", {**answers(provider), "attachments": [fake]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file must be a PDF or JPEG or PNG." in html
    assert "Pothole on Road 28" in html
    assert not Complaint.objects.exists()


def test_links_fill_in_the_provider_and_the_service_and_bad_input_is_never_a_500(
    client, person, provider
):
    service = ServiceFactory.create(slug="licence", provider=provider)
    client.force_login(person)
    html = client.get("/en/contact/message/?service=licence").content.decode()
    assert 'value="roads" selected' in html and service.title_en in html
    assert client.get("/en/contact/message/?provider=nope&service=%00").status_code == 200
    other = OrganisationFactory.create(slug="health")
    for data in (
        answers(provider, provider="nope"),
        answers(provider, subject="x" * 201),
        answers(provider, details="a\x00b"),
        answers(other, service="licence"),
    ):
        assert client.post("/en/contact/message/", data).status_code == 200
    assert not Complaint.objects.exists()
    client.post("/en/contact/message/", answers(provider, service="licence"))
    assert Complaint.objects.get().service == service


def test_every_page_links_to_contact_us(client):
    html = client.get("/ar/").content.decode()
    assert 'href="/ar/contact/message/"' in html


def test_a_link_may_fill_in_the_kind_and_one_of_the_persons_applications(client, provider):
    definition = published_eservice(ServiceFactory.create(slug="prefilled", provider=provider))
    person = UserFactory.create()
    decided = application_for(definition, applicant=person, state=ApplicationState.REJECTED)
    client.force_login(person)
    html = client.get(
        f"/en/contact/message/?kind=complaint&subject=application:{decided.pk}"
    ).content.decode()
    assert f'value="application:{decided.pk}" selected' in html
    assert re.search(r'value="complaint"[^>]*checked', html)
    assert f'<option value="{provider.slug}" selected>' in html
    stranger = UserFactory.create()
    client.force_login(stranger)
    html = client.get(
        f"/en/contact/message/?kind=complaint&subject=application:{decided.pk}"
    ).content.decode()
    assert f'value="application:{decided.pk}"' not in html


def test_a_compliment_names_whom_it_is_for(client, provider):
    client.force_login(UserFactory.create())
    data = answers(provider, kind="compliment")
    data["compliment_for"] = "The Isa Town service centre"
    client.post("/en/contact/message/", data)
    assert Complaint.objects.get().compliment_for == "The Isa Town service centre"


def test_a_grievance_names_the_decision_it_appeals(client, provider):
    definition = published_eservice(ServiceFactory.create(slug="appealed", provider=provider))
    person = UserFactory.create()
    decided = application_for(definition, applicant=person, state=ApplicationState.REJECTED)
    client.force_login(person)
    data = answers(provider, kind="grievance")
    response = client.post("/en/contact/message/", data)
    assert "Choose the application or case whose decision you are appealing." in (
        response.content.decode()
    )
    assert not Complaint.objects.exists()
    client.post("/en/contact/message/", {**data, "about": f"application:{decided.pk}"})
    assert Complaint.objects.get().subject_id == str(decided.pk)
