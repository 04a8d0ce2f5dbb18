"""Bad input to the case pages and the public check of a document: a clear,
translated answer, never a server error, and nothing typed is lost."""

import pytest

from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.eservices.models import ApplicationState
from bawaba.eservices.tests.samples import act
from bawaba.payments.models import Payment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code",
    ["AB/CDEFGHIJK", "AB/C-DEFG-HIJK", "ABCD/EFGH/IJ", "%2F%2F", "ABCD-EFGH-IJK?", "٠١٢٣/٤٥٦٧٨٩٠١"],
)
def test_a_verification_code_with_a_slash_or_foreign_character_asks_again(client, code):
    response = client.get("/en/verify/", {"code": code})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the 12 letters and digits of the code." in html


def test_a_verification_code_typed_with_lookalikes_and_arabic_digits_is_understood(client):
    response = client.get("/en/verify/", {"code": "7k3q ٩mxd-2f8h"})
    assert response["Location"] == "/en/verify/7K3Q-9MXD-2F8H/"
    response = client.get("/en/verify/", {"code": "oooo-iiii-llll"})
    assert response["Location"] == "/en/verify/0000-1111-1111/"


@pytest.mark.parametrize("assignee", ["abc", "1.5", "-", "9" * 40, "٣x"])
def test_assigning_to_a_garbled_colleague_is_refused_with_a_message(client, sent, assignee):
    supervisor = staff_with_two_step(sent.organisation, "supervisor")
    client.force_login(supervisor)
    response = act(client, sent, "assign", assignee=assignee)
    assert response.status_code == 400
    assert "Choose a colleague who handles this provider" in response.content.decode()
    sent.refresh_from_db()
    assert sent.assignee is None


TWO_MB = "x" * 2_000_000


def _claimed(client, application):
    worker = staff_with_two_step(application.organisation, "case_worker")
    client.force_login(worker)
    assert act(client, application, "claim").status_code == 302
    return worker


@pytest.mark.parametrize(
    ("move", "fields"),
    [
        ("note", {"note": "Called\x00 the applicant"}),
        ("note", {"note": TWO_MB}),
        ("request_information", {"message_ar": "أرسلوا\x00 صورة", "message_en": "Send a photo"}),
        ("request_information", {"message_ar": "أرسلوا صورة", "message_en": TWO_MB}),
        ("reject", {"message_ar": "لا\x00", "message_en": "No"}),
        ("reject", {"message_ar": TWO_MB, "message_en": "No"}),
        ("approve", {"message_ar": "نعم", "message_en": "Yes\x00"}),
    ],
)
def test_staff_text_boxes_refuse_nul_and_more_than_2000_characters(client, sent, move, fields):
    _claimed(client, sent)
    sent.refresh_from_db()
    before = (sent.state, sent.revision, sent.events.count())
    response = act(client, sent, move, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Null characters are not allowed." in html
        or "Ensure this value has at most 2000 characters (it has 2000000)." in html
    )
    assert "There is a problem" in html and "<title>Error:" in html
    sent.refresh_from_db()
    assert (sent.state, sent.revision, sent.events.count()) == before
    page = client.get(f"/en/staff/applications/{sent.pk}/")
    assert len(page.content) < 100_000


@pytest.mark.parametrize("receipt", ["R-1\x00", "R" * 65])
def test_a_receipt_number_with_nul_or_over_64_characters_is_refused(client, unpaid, receipt):
    worker = staff_with_two_step(unpaid.organisation, "case_worker")
    client.force_login(worker)
    response = act(client, unpaid, "record_payment", receipt=receipt)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#record_payment-receipt">' in html
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.AWAITING_PAYMENT
    assert not Payment.objects.exists()


def test_the_case_action_itself_refuses_text_the_database_cannot_keep(sent):
    from bawaba.eservices import cases

    supervisor = staff_with_two_step(sent.organisation, "supervisor")
    for note in ("a\x00b", "n" * 2001):
        with pytest.raises(cases.CaseError) as refused:
            cases.case_act(
                user=supervisor,
                application_id=sent.pk,
                move="note",
                revision=sent.revision,
                note=note,
            )
        assert refused.value.code == "eservices.case.text"
    assert not sent.events.filter(action="note").exists()


def test_an_empty_request_for_information_links_the_error_summary_to_the_box(client, sent):
    _claimed(client, sent)
    response = act(client, sent, "request_information", note="kept?")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error:" in html
    assert 'class="error-summary"' in html
    assert (
        '<a href="#request_information-message_ar">'
        "Say why, in both languages, or choose a prepared reason.</a>"
    ) in html
    assert 'id="request_information-message_ar"' in html
    # No banner titled with the service's name.
    assert 'banner__title">Renew an identity card' not in html


def test_a_request_written_in_english_only_keeps_the_english_and_points_at_the_arabic(client, sent):
    _claimed(client, sent)
    response = act(client, sent, "request_information", message_en="Please send a clearer photo.")
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        '<a href="#request_information-message_ar">'
        "Write the message in both Arabic and English, or choose a prepared reason.</a>"
    ) in html
    assert "Please send a clearer photo.</textarea>" in html


def test_the_arabic_case_page_gives_the_error_summary_in_arabic(client, sent):
    _claimed(client, sent)
    sent.refresh_from_db()
    response = client.post(
        f"/ar/staff/applications/{sent.pk}/act/",
        {"move": "note", "revision": sent.revision, "note": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#note-note">' in html
    assert "There is a problem" not in html
