"""The applicant's journey over HTTP: start, pages, check your answers, send."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.catalogue.workflow import RevisionState
from bawaba.eservices.models import (
    Application,
    ApplicationState,
    EService,
    EServiceDefinition,
)
from bawaba.eservices.tests.samples import PNG
from bawaba.notifications.models import Notification

pytestmark = pytest.mark.django_db


START = "/en/services/renew-smart-card/apply/"


def _started(client, applicant):
    client.force_login(applicant)
    response = client.post(START)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return Application.objects.get(applicant=applicant), response["Location"]


def _page(application, page):
    return f"/en/applications/{application.pk}/pages/{page}/"


def _fill_everything(client, application):
    assert (
        client.post(
            _page(application, "applicant"),
            {"full_name": "Maryam Ahmed", "cpr": "900101234", "mobile": "36000001"},
        ).status_code
        == 302
    )
    assert client.post(_page(application, "reason"), {"reason": "damaged"}).status_code == 302
    upload = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    assert client.post(_page(application, "photo"), {"photo": upload}).status_code == 302
    response = client.post(_page(application, "delivery"), {"courier": "no", "declaration": "on"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/applications/{application.pk}/check/"


def test_visitors_are_asked_to_sign_in_first(client, eservice):
    html = client.get(START).content.decode()
    assert "Sign in to apply" in html
    assert "/en/accounts/login/?next=/en/services/renew-smart-card/apply/" in html
    assert client.post(START).status_code == 200
    assert not Application.objects.exists()


def test_someone_not_eligible_is_told_why_before_any_question(client, eservice):
    business = UserFactory.create(kind="business_representative", residency="citizen")
    client.force_login(business)
    html = client.get(START).content.decode()
    assert "You cannot use this service" in html
    assert "This service is only for individuals." in html
    assert "Parents renew the cards of children under 15" in html
    assert "Start now" not in html
    client.post(START)
    assert not Application.objects.exists()


def test_the_whole_journey_prefills_checks_and_sends_once(
    client, eservice, applicant, django_capture_on_commit_callbacks
):
    application, location = _started(client, applicant)
    assert location == _page(application, "applicant")
    assert application.state == ApplicationState.DRAFT
    page = client.get(location).content.decode()
    assert 'value="Maryam Ahmed"' in page  # told once, filled in
    assert 'value="900101234"' in page
    assert "Step 1 of 5" in page  # four pages, then check your answers

    # A wrong answer is refused with the page's wording, and what was typed stays.
    response = client.post(location, {"mobile": "12"})
    html = response.content.decode()
    assert "Enter a Bahraini mobile number" in html
    assert 'value="12"' in html

    _fill_everything(client, application)
    html = client.get(f"/en/applications/{application.pk}/check/").content.decode()
    assert "Check your answers" in html
    assert "It is damaged" in html and "me.png" in html
    assert "+973 3600 0001" in html
    assert f"/en/applications/{application.pk}/pages/reason/?check=1#id_reason" in html
    assert "The fee for this application is <strong>BD 5.000</strong>" in html

    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/applications/{application.pk}/check/", {"revision": application.revision}
        )
        again = client.post(
            f"/en/applications/{application.pk}/check/", {"revision": application.revision}
        )
    assert response.status_code == again.status_code == 302
    application.refresh_from_db()
    # The fee is computed on the server; until it is paid the provider cannot
    # take the application, and its processing time has not started.
    assert application.state == ApplicationState.AWAITING_PAYMENT
    assert application.fee_fils == 5000  # damaged
    assert application.due_on is None
    message = Notification.objects.get(recipient=applicant)
    assert message.event == "application.payment_due"
    assert application.reference in message.subject
    assert "BD 5.000" in message.body
    confirmation = client.get(response["Location"]).content.decode()
    assert "Application sent" in confirmation
    assert application.reference in confirmation
    assert "once the fee of BD 5.000 is paid" in confirmation
    assert "Pay BD 5.000" in confirmation
    assert application.events.filter(action="submitted").count() == 1
    # Once sent, the pages cannot change it.
    assert client.get(_page(application, "reason")).status_code == 302
    client.post(_page(application, "reason"), {"reason": "expiry"})
    application.refresh_from_db()
    assert application.answers["reason"] == "damaged"


def test_a_later_answer_can_hide_a_question_and_its_old_answer_is_dropped(
    client, eservice, applicant
):
    application, _location = _started(client, applicant)
    client.post(_page(application, "reason"), {"reason": "details_changed"})
    assert (
        client.post(_page(application, "reason"), {"reason": "details_changed"}).status_code == 200
    )
    client.post(
        _page(application, "reason"),
        {"reason": "details_changed", "changed_details": "New address"},
    )
    application.refresh_from_db()
    assert application.answers["changed_details"] == "New address"
    client.post(_page(application, "reason"), {"reason": "expiry"})
    application.refresh_from_db()
    assert "changed_details" not in application.answers


def test_a_page_that_does_not_apply_or_exist_is_a_404(client, eservice, applicant):
    application, _location = _started(client, applicant)
    assert client.get(_page(application, "nope")).status_code == 404


def test_sending_an_incomplete_application_goes_back_to_the_missing_page(
    client, eservice, applicant
):
    application, _location = _started(client, applicant)
    response = client.post(
        f"/en/applications/{application.pk}/check/", {"revision": application.revision}
    )
    assert response.status_code == 302
    assert response["Location"] == _page(application, "reason")
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_a_stale_tab_cannot_send_an_older_version(client, eservice, applicant):
    application, _location = _started(client, applicant)
    _fill_everything(client, application)
    application.refresh_from_db()
    stale = application.revision - 1
    response = client.post(f"/en/applications/{application.pk}/check/", {"revision": stale})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    html = client.get(response["Location"]).content.decode()
    assert "changed in another window" in html


@pytest.mark.parametrize("suffix", ["", "check/", "pages/applicant/"])
def test_another_applicants_application_is_a_404(client, eservice, applicant, suffix):
    application, _location = _started(client, applicant)
    client.force_login(UserFactory.create())
    assert client.get(f"/en/applications/{application.pk}/{suffix}").status_code == 404
    assert client.post(f"/en/applications/{application.pk}/{suffix}").status_code == 404


def test_a_paused_service_says_so_and_keeps_drafts(client, eservice, applicant):
    application, _location = _started(client, applicant)
    eservice.paused = True
    eservice.pause_message_en = "Closed for maintenance until Sunday."
    eservice.save()
    html = client.get(START).content.decode()
    assert "Closed for maintenance until Sunday." in html
    assert "Start now" not in html
    assert Application.objects.filter(pk=application.pk).exists()


def test_a_service_without_an_e_service_has_no_apply_page(client, eservice):
    ServiceFactory.create(slug="paper-only")
    assert client.get("/en/services/paper-only/apply/").status_code == 404


def test_my_applications_lists_every_provider_in_bounded_queries(
    client, eservice, applicant, django_assert_max_num_queries
):
    _started(client, applicant)
    other_provider = OrganisationFactory.create()
    other_service = ServiceFactory.create(slug="another", provider=other_provider)
    other = EService.objects.create(service=other_service)
    definition = eservice.definitions.get()
    EServiceDefinition.objects.create(
        eservice=other,
        version=1,
        source=definition.source,
        data={**definition.data, "service": "another"},
        state=RevisionState.PUBLISHED,
        author=definition.author,
        decided_by=definition.decided_by,
    )
    client.post("/en/services/another/apply/")
    with django_assert_max_num_queries(12):
        html = client.get("/en/applications/").content.decode()
    assert html.count('<td><a href="/en/applications/') == 2
    assert other_service.title_en in html and "Renew an identity card" in html


def test_a_question_that_depends_on_the_same_page_is_shown_without_javascript(
    client, eservice, applicant
):
    application, _location = _started(client, applicant)
    html = client.get(_page(application, "reason")).content.decode()
    assert 'name="changed_details"' in html
    assert "Needed only for some answers above." in html
    # Not needed for this answer, so not checked either.
    response = client.post(_page(application, "reason"), {"reason": "expiry"})
    assert response.status_code == 302


def test_unfinished_applications_are_warned_about_then_expire(
    client, eservice, applicant, settings, django_capture_on_commit_callbacks
):
    import datetime

    from bawaba.eservices.actions import drafts_expire

    settings.APPLICATION_DRAFT_DAYS = 30
    application, _location = _started(client, applicant)
    client.post(_page(application, "photo"), {"photo": SimpleUploadedFile("me.png", PNG)})
    document = application.documents.get()
    stored = document.file.path
    started = timezone.now()
    Application.objects.filter(pk=application.pk).update(updated_at=started)

    assert drafts_expire(now=started + datetime.timedelta(days=20)) == (0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert drafts_expire(now=started + datetime.timedelta(days=26)) == (1, 0)
        assert drafts_expire(now=started + datetime.timedelta(days=27)) == (0, 0)  # once
    warning = Notification.objects.get(event="application.draft_expiring")
    assert application.reference in warning.subject

    # While the service is paused, nobody can continue, so nothing expires.
    eservice.paused = True
    eservice.save()
    assert drafts_expire(now=started + datetime.timedelta(days=31)) == (0, 0)
    eservice.paused = False
    eservice.save()
    assert drafts_expire(now=started + datetime.timedelta(days=31)) == (0, 1)
    application.refresh_from_db()
    assert application.state == ApplicationState.EXPIRED
    assert application.answers == {}
    assert not application.documents.exists()
    assert not Path(stored).exists()
    assert application.reference not in client.get("/en/applications/").content.decode()
    assert client.get(_page(application, "reason")).status_code == 302


def test_the_service_page_sends_apply_online_to_the_portal(client, eservice):
    from bawaba.catalogue.cache import catalogue_changed

    catalogue_changed()
    html = client.get("/en/services/renew-smart-card/").content.decode()
    assert 'href="/en/services/renew-smart-card/apply/"' in html
    assert "You apply here on Bawaba" in html
    eservice.retired_at = timezone.now()
    eservice.save()
    catalogue_changed()
    html = client.get("/en/services/renew-smart-card/").content.decode()
    assert "/apply/" not in html


def test_the_home_address_in_the_profile_fills_an_address_question(client, eservice, applicant):
    applicant.address = {"flat": "", "building": "345", "road": "2801", "block": "428"}
    applicant.save()
    application, _location = _started(client, applicant)
    assert application.answers["address"] == applicant.address
    # The address applies only once "courier" is answered on its own page;
    # saving the earlier pages does not lose the profile's address.
    client.post(
        _page(application, "applicant"),
        {"full_name": "Maryam Ahmed", "cpr": "900101234", "mobile": "36000001"},
    )
    client.post(_page(application, "reason"), {"reason": "expiry"})
    html = client.get(_page(application, "delivery")).content.decode()
    assert 'name="address_building" value="345"' in html
    assert 'name="address_road" value="2801"' in html


def test_an_incomplete_home_address_fills_nothing(client, eservice, applicant):
    applicant.address = {"building": "345"}
    applicant.save()
    application, _location = _started(client, applicant)
    assert "address" not in application.answers


def test_every_missing_answer_on_a_page_is_named_in_its_message(client, eservice, applicant):
    application, _location = _started(client, applicant)
    client.post(_page(application, "reason"), {"reason": "expiry"})
    html = client.post(_page(application, "delivery"), {}).content.decode()
    assert "This field is required." not in html
    # A question's own question mark ends the message: no full stop after it.
    assert "Choose an answer to “Do you want the card delivered by courier?”<" in html
    assert "?”." not in html
    # The declaration is named by the statement beside its box.
    assert (
        "Tick the box to confirm “I confirm that the information I have given is true "
        "and complete.”<"
    ) in html


def test_a_draft_saved_again_after_it_was_listed_for_expiry_is_kept(client, eservice, applicant):
    """The applicant saves a page while the expiry task runs: the task, which
    listed the draft as untouched, reads it again under its lock and keeps it."""
    import datetime
    from unittest import mock

    from bawaba.eservices.actions import drafts_expire

    application, _location = _started(client, applicant)
    client.post(_page(application, "reason"), {"reason": "expiry"})
    answers = Application.objects.get(pk=application.pk).answers
    started = timezone.now()
    Application.objects.filter(pk=application.pk).update(updated_at=started)
    now = started + datetime.timedelta(days=31)
    lock = Application.objects.select_for_update

    def saved_meanwhile(*args, **kwargs):
        Application.objects.filter(pk=application.pk).update(updated_at=now)
        return lock(*args, **kwargs)

    with mock.patch.object(Application.objects, "select_for_update", saved_meanwhile):
        assert drafts_expire(now=now) == (0, 0)
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert application.answers == answers
    assert not application.events.filter(action="expired").exists()
