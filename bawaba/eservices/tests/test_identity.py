"""Identity in an application is the account's: read-only in the journey, read
again when sending, shown beside a differing answer on the case page, and
printed from the account on the issued document."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bawaba.accounts.actions import identity_correct
from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.eservices import issuing
from bawaba.eservices.issuing import document_values
from bawaba.eservices.models import Application
from bawaba.eservices.tests.samples import PNG

pytestmark = pytest.mark.django_db

OTHER_CPR = "850505123"


def _started(client, applicant):
    client.force_login(applicant)
    client.post("/en/services/renew-smart-card/apply/")
    return Application.objects.get()


def _page(application, page):
    return f"/en/applications/{application.pk}/pages/{page}/"


def test_the_prefilled_cpr_is_read_only_and_another_typed_over_it_is_ignored(
    client, eservice, applicant
):
    application = _started(client, applicant)
    html = client.get(_page(application, "applicant")).content.decode()
    cpr_box = html[html.index('name="cpr"') - 200 : html.index('name="cpr"') + 200]
    assert "disabled" in cpr_box
    assert "From your account. It cannot be changed here." in html
    response = client.post(
        _page(application, "applicant"),
        {"full_name": "Someone Else", "cpr": OTHER_CPR, "mobile": "36000001"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["cpr"] == "900101234"
    assert application.answers["full_name"] == "Maryam Ahmed"


def test_sending_reads_identity_from_the_account_whatever_was_stored(
    client, eservice, applicant, django_capture_on_commit_callbacks
):
    application = _started(client, applicant)
    client.post(_page(application, "applicant"), {"mobile": "36000001"})
    client.post(_page(application, "reason"), {"reason": "expiry"})
    client.post(_page(application, "photo"), {"photo": SimpleUploadedFile("me.png", PNG)})
    client.post(_page(application, "delivery"), {"courier": "no", "declaration": "on"})
    application.refresh_from_db()
    # A stored answer changed behind the journey's back (an older draft, a bug).
    answers = {**application.answers, "cpr": OTHER_CPR, "full_name": "Someone Else"}
    Application.objects.filter(pk=application.pk).update(answers=answers)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/applications/{application.pk}/check/", {"revision": application.revision}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.submitted_at is not None
    assert application.answers["cpr"] == "900101234"
    assert application.answers["full_name"] == "Maryam Ahmed"


def test_the_case_page_shows_the_accounts_identity_beside_a_differing_answer(
    client, unpaid, eservice
):
    answers = {**unpaid.answers, "cpr": OTHER_CPR}
    Application.objects.filter(pk=unpaid.pk).update(answers=answers, state="submitted")
    client.force_login(staff_with_two_step(eservice.service.provider, "case_worker"))
    html = client.get(f"/en/staff/applications/{unpaid.pk}/").content.decode()
    assert OTHER_CPR in html
    assert 'The account says: <bdi dir="auto">900101234</bdi>' in html
    assert 'CPR number <bdi dir="ltr">900101234</bdi>' in html  # the account's, beside the name


def test_the_issued_document_prints_identity_from_the_account(unpaid):
    answers = {**unpaid.answers, "cpr": OTHER_CPR, "full_name": "Someone Else"}
    Application.objects.filter(pk=unpaid.pk).update(answers=answers)
    unpaid.refresh_from_db()
    values = document_values(unpaid, "en")
    assert values["cpr"] == "900101234"
    assert values["full_name"] == "Maryam Ahmed"


def test_the_document_is_issued_to_the_registered_name_not_one_posted_to_the_profile(
    client, sent, applicant
):
    client.force_login(applicant)
    client.post(
        "/en/accounts/profile/change/",
        {"name_ar": "شخص آخر", "name_en": "Someone Else", "preferred_language": "en"},
    )
    worker = staff_with_two_step(sent.organisation, "case_worker")
    with mock.patch.object(issuing, "document_pdf", return_value=b"%PDF-1.7"):
        document = issuing.document_issue(application=sent, issued_by=worker)
    assert (document.holder_en, document.holder_ar) == ("Maryam Ahmed", "شخص تجريبي")


def test_a_name_an_administrator_corrected_is_the_one_the_journey_and_document_show(
    client, unpaid, applicant, django_user_model
):
    administrator = django_user_model.objects.create_superuser("root@bawaba.example", "x")
    identity_correct(
        account=applicant, changes={"name_en": "Maryam Ahmed Ali"}, corrected_by=administrator
    )
    assert document_values(unpaid, "en")["full_name"] == "Maryam Ahmed Ali"
    client.force_login(applicant)
    draft = client.post("/en/services/renew-smart-card/apply/")
    assert draft.status_code == 302
    html = client.get(draft["Location"]).content.decode()
    assert 'value="Maryam Ahmed Ali"' in html
