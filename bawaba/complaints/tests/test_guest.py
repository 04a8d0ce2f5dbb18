"""Contact us without an account: the message waits for a one-time code sent
to the visitor's mobile (SMS sandbox) or email; a wrong, expired or worn-out
code is refused with what was typed kept; the right one files the case with
the contact verified and shows its reference to that session only, and the
acknowledgement goes to the verified address. Code sending is limited."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bawaba.accounts.tests.factories import OrganisationFactory
from bawaba.complaints import guest
from bawaba.complaints.models import Complaint, ComplaintAttachment, Kind
from bawaba.notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def provider():
    return OrganisationFactory.create(slug="roads", name_en="Roads Agency", name_ar="هيئة الطرق")


def answers(organisation, **fields):
    return {
        "kind": Kind.COMPLAINT,
        "provider": organisation.slug,
        "subject": "Pothole on Road 28",
        "details": "It has been there for three weeks.",
        "name": "Salman Ali",
        **fields,
    }


def sent_code(address):
    delivery = Delivery.objects.filter(address=address, notification__event=guest.EVENT).latest(
        "created_at"
    )
    found = re.search(r"\b(\d{6})\b", delivery.body_text)
    assert found is not None
    return found.group(1)


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_visitor_files_with_a_mobile_verified_by_a_code(client, provider, language):
    page = client.get(f"/{language}/contact/message/").content.decode()
    assert 'name="mobile"' in page and 'name="about"' not in page
    assert f"/{language}/accounts/login/?next=" in page
    response = client.post(
        f"/{language}/contact/message/", answers(provider, mobile="3600 0001", email="")
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/contact/message/code/"
    assert not Complaint.objects.exists()
    code = sent_code("+97336000001")
    notification = Notification.objects.get(event=guest.EVENT)
    assert notification.recipient_id is None and notification.language == language
    assert code not in notification.body  # the stored copy never holds the code
    assert code not in str(client.session[guest.PENDING_KEY])

    refused = client.post(f"/{language}/contact/message/code/", {"code": wrong(code)})
    assert refused.status_code == 200
    assert 'class="error-summary"' in refused.content.decode()
    assert not Complaint.objects.exists()

    filed = client.post(
        f"/{language}/contact/message/code/",
        {
            "code": code,
            "attachments": [SimpleUploadedFile("photo.pdf", PDF, content_type="application/pdf")],
        },
    )
    assert filed.status_code == 302 and filed["Location"] == f"/{language}/contact/message/sent/"
    complaint = Complaint.objects.get()
    assert complaint.person is None and complaint.contact_verified_at is not None
    assert (complaint.contact_mobile, complaint.contact_email) == ("+97336000001", "")
    assert (complaint.contact_name, complaint.language) == ("Salman Ali", language)
    assert complaint.organisation == provider
    attachment = ComplaintAttachment.objects.get(complaint=complaint)
    attachment.file.delete(save=False)
    acknowledgement = Delivery.objects.get(notification__event="complaint.received")
    assert (acknowledgement.channel, acknowledgement.address) == ("sms", "+97336000001")
    assert complaint.reference in acknowledgement.body_text
    sent = client.get(filed["Location"]).content.decode()
    assert complaint.reference in sent and "+97336000001" in sent
    # The code is used: the message cannot be sent twice.
    assert client.get(f"/{language}/contact/message/code/").status_code == 302


def test_a_visitor_with_an_email_gets_the_code_by_email(client, provider):
    client.post("/en/contact/message/", answers(provider, email="Salman@Example.com"))
    delivery = Delivery.objects.get(notification__event=guest.EVENT)
    assert (delivery.channel, delivery.address) == ("email", "salman@example.com")
    client.post("/en/contact/message/code/", {"code": sent_code("salman@example.com")})
    assert Complaint.objects.get().contact_email == "salman@example.com"


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Enter an email address or a mobile number"), ("ar", "أدخلوا بريداً إلكترونياً")],
)
def test_a_contact_is_needed_and_a_mobile_must_be_bahraini(client, provider, language, message):
    response = client.post(f"/{language}/contact/message/", answers(provider))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "Pothole on Road 28" in html
    response = client.post(f"/{language}/contact/message/", answers(provider, mobile="12345"))
    assert 'class="error-summary"' in response.content.decode()
    assert not Delivery.objects.exists()


def test_an_expired_code_is_refused_and_a_new_one_keeps_the_message(client, provider):
    client.post("/en/contact/message/", answers(provider, mobile="36000002"))
    code = sent_code("+97336000002")
    session = client.session
    pending = session[guest.PENDING_KEY]
    pending["expires_at"] = pending["sent_at"] = (
        datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(minutes=11)
    ).timestamp()
    session[guest.PENDING_KEY] = pending
    session.save()
    html = client.post("/en/contact/message/code/", {"code": code}).content.decode()
    assert "This code has expired" in html
    assert not Complaint.objects.exists()
    client.post("/en/contact/message/code/", {"resend": "1"})
    fresh = sent_code("+97336000002")
    client.post("/en/contact/message/code/", {"code": fresh})
    assert Complaint.objects.get().subject == "Pothole on Road 28"


def test_too_many_wrong_codes_wear_the_code_out(client, provider):
    client.post("/ar/contact/message/", answers(provider, mobile="36000003"))
    code = sent_code("+97336000003")
    for _try in range(guest.MAX_TRIES):
        response = client.post("/ar/contact/message/code/", {"code": wrong(code)})
    assert "أدخلتم رمزاً خاطئاً مرات كثيرة" in response.content.decode()
    response = client.post("/ar/contact/message/code/", {"code": code})
    assert response.status_code == 200
    assert not Complaint.objects.exists()


def test_code_sending_is_limited(client, provider):
    client.post("/en/contact/message/", answers(provider, mobile="36000004"))
    html = client.post("/en/contact/message/code/", {"resend": "1"}).content.decode()
    assert "Wait a minute" in html
    assert Delivery.objects.count() == 1
    for _attempt in range(6):
        response = client.post("/en/contact/message/", answers(provider, mobile="36000004"))
    assert response.status_code == 200
    assert "We have sent too many codes" in response.content.decode()
    assert Delivery.objects.count() == 5


def test_the_reference_page_and_the_case_page_give_a_stranger_nothing(client, provider):
    client.post("/en/contact/message/", answers(provider, mobile="36000005"))
    client.post("/en/contact/message/code/", {"code": sent_code("+97336000005")})
    complaint = Complaint.objects.get()
    client.logout()  # a new session: another visitor
    assert client.get("/en/contact/message/sent/").status_code == 302
    response = client.get(f"/en/accounts/cases/{complaint.pk}/")
    assert response.status_code in (302, 404)
    assert complaint.reference not in response.content.decode()


def test_a_garbled_code_page_post_is_never_a_500(client, provider):
    assert client.get("/en/contact/message/code/").status_code == 302
    client.post("/en/contact/message/", answers(provider, mobile="36000006"))
    for data in ({"code": "abc"}, {"code": "1" * 50}, {}, {"code": "١٢٣"}):
        assert client.post("/en/contact/message/code/", data).status_code == 200
