"""Providers own their content: draft → in review → published, four eyes."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from bawaba.accounts.tests.factories import (
    OrganisationFactory,
    staff_with_two_step,
)
from bawaba.catalogue import actions
from bawaba.catalogue.content import bilingual_gaps, content_changes, content_of
from bawaba.catalogue.models import ProviderRevision, ServiceRevision
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.catalogue.workflow import RevisionState
from bawaba.core.models import AuditEvent


@pytest.fixture
def provider(db):
    return OrganisationFactory.create(slug="ministry-a", name_en="Ministry A")


@pytest.fixture
def service(provider):
    return ServiceFactory.create(slug="a-service", provider=provider, title_en="Old title")


@pytest.fixture
def editor(provider):
    return staff_with_two_step(provider, "editor")


@pytest.fixture
def approver(provider):
    return staff_with_two_step(provider, "approver")


def _form_data(service, **changes):
    data = content_of(service)
    data["fee"] = "2.000"
    data.pop("fee_fils")
    for name in ("audiences", "categories", "life_events"):
        data[name] = list(data[name])
    data = {key: value for key, value in data.items() if value not in (None, False)}
    data.update(changes)
    return data


@pytest.mark.django_db
def test_editor_drafts_and_submits_and_another_approver_publishes(
    client, service, editor, approver
):
    client.force_login(editor)
    response = client.post(
        "/en/staff/catalogue/services/a-service/edit/",
        {**_form_data(service, title_en="New title"), "submit": "1"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    revision = ServiceRevision.objects.get()
    assert revision.state == RevisionState.IN_REVIEW
    # Nothing public changes before publication.
    assert client.get("/en/services/a-service/").status_code == 200
    service.refresh_from_db()
    assert service.title_en == "Old title"

    client.force_login(approver)
    html = client.get(f"/en/staff/catalogue/changes/{revision.pk}/").content.decode()
    assert "New title" in html and "Old title" in html
    response = client.post(
        f"/en/staff/catalogue/changes/{revision.pk}/decide/", {"decision": "publish"}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.title_en == "New title"
    assert service.last_reviewed_by == approver
    assert service.last_reviewed_on == timezone.localdate()
    revision.refresh_from_db()
    assert revision.state == RevisionState.PUBLISHED and revision.decided_by == approver
    actions_done = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"catalogue.revision.submitted", "catalogue.revision.published"} <= actions_done
    # The public page shows the new title at once, even if it was cached.
    client.logout()
    assert "New title" in client.get("/en/services/a-service/").content.decode()
    # The search index follows.
    assert "New title" in client.get("/en/search/", {"q": "new title"}).content.decode()


@pytest.mark.django_db
def test_an_editor_who_is_also_approver_cannot_publish_their_own_change(provider, service):
    both = staff_with_two_step(provider, "editor", "approver")
    revision = actions.revision_save_draft(user=both, service=service, data=content_of(service))
    actions.revision_submit(user=both, revision_id=revision.pk)
    with pytest.raises(actions.PublishingError) as error:
        actions.revision_publish(user=both, revision_id=revision.pk)
    assert error.value.code == "catalogue.revision.four_eyes"


@pytest.mark.django_db
def test_the_database_refuses_a_self_approved_publication(provider, service, editor):
    revision = actions.revision_save_draft(user=editor, service=service, data=content_of(service))
    revision.state = RevisionState.PUBLISHED
    revision.decided_by = editor
    with pytest.raises(IntegrityError), transaction.atomic():
        revision.save()


@pytest.mark.django_db
def test_a_change_missing_a_language_cannot_be_sent_or_published(provider, service, editor):
    data = {**content_of(service), "summary_ar": "", "fee_note_en": "Only in English"}
    with translation.override("en"):
        assert set(bilingual_gaps(data)) == {"what it is", "about the fee"}
    revision = actions.revision_save_draft(user=editor, service=service, data=data)
    with pytest.raises(actions.PublishingError) as error:
        actions.revision_submit(user=editor, revision_id=revision.pk)
    assert error.value.code == "catalogue.revision.incomplete"


@pytest.mark.django_db
def test_approver_sends_back_with_a_note_and_the_editor_sees_it(client, service, editor, approver):
    revision = actions.revision_save_draft(user=editor, service=service, data=content_of(service))
    actions.revision_submit(user=editor, revision_id=revision.pk)
    client.force_login(approver)
    client.post(
        f"/en/staff/catalogue/changes/{revision.pk}/decide/",
        {"decision": "send_back", "note": "Fix the fee."},
    )
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT and revision.note == "Fix the fee."
    client.force_login(editor)
    assert (
        "Fix the fee."
        in client.get("/en/staff/catalogue/services/a-service/edit/").content.decode()
    )


@pytest.mark.django_db
def test_two_approvers_deciding_at_once_publish_once_and_the_second_gets_a_clear_message(
    provider, service, editor, approver
):
    second = staff_with_two_step(provider, "approver")
    revision = actions.revision_save_draft(user=editor, service=service, data=content_of(service))
    actions.revision_submit(user=editor, revision_id=revision.pk)
    actions.revision_publish(user=approver, revision_id=revision.pk)
    with pytest.raises(actions.PublishingError) as error:
        actions.revision_send_back(user=second, revision_id=revision.pk, note="late")
    assert error.value.code == "catalogue.revision.stale"


@pytest.mark.django_db
def test_provider_a_editor_gets_404_on_provider_b_pages(client, service, editor):
    other = ServiceFactory.create(slug="b-service", provider=OrganisationFactory.create())
    revision = actions.revision_save_draft(
        user=staff_with_two_step(other.provider, "editor"), service=other, data=content_of(other)
    )
    client.force_login(editor)
    for path in [
        "/en/staff/catalogue/services/b-service/edit/",
        "/en/staff/catalogue/services/b-service/history/",
        f"/en/staff/catalogue/changes/{revision.pk}/",
    ]:
        assert client.get(path).status_code == 404, path
    assert (
        client.post(
            f"/en/staff/catalogue/changes/{revision.pk}/decide/", {"decision": "publish"}
        ).status_code
        == 404
    )
    assert "b-service" not in client.get("/en/staff/catalogue/").content.decode()


@pytest.mark.django_db
def test_customers_and_staff_without_content_roles_get_404(client, citizen, provider):
    client.force_login(citizen)
    assert client.get("/en/staff/catalogue/").status_code == 404
    case_worker = staff_with_two_step(provider, "case_worker")
    client.force_login(case_worker)
    assert client.get("/en/staff/catalogue/").status_code == 404


@pytest.mark.django_db
def test_an_approver_without_the_editor_role_cannot_edit(client, service, approver):
    client.force_login(approver)
    assert client.get("/en/staff/catalogue/services/a-service/edit/").status_code == 403


@pytest.mark.django_db
def test_overdue_reviews_are_listed_for_the_provider(client, provider, editor):
    ServiceFactory.create(
        slug="late", provider=provider, title_en="Late page", review_by=datetime.date(2020, 1, 1)
    )
    ServiceFactory.create(
        slug="fine", provider=provider, title_en="Fine page", review_by=datetime.date(2099, 1, 1)
    )
    client.force_login(editor)
    html = client.get("/en/staff/catalogue/").content.decode()
    overdue = html.split("Review overdue", 1)[1].split("All your services", 1)[0]
    assert "Late page" in overdue and "Fine page" not in overdue


@pytest.mark.django_db
def test_history_lists_every_published_version(client, provider, service, editor, approver):
    for title in ("First", "Second"):
        data = {**content_of(service), "title_en": title}
        revision = actions.revision_save_draft(user=editor, service=service, data=data)
        actions.revision_submit(user=editor, revision_id=revision.pk)
        actions.revision_publish(user=approver, revision_id=revision.pk)
    client.force_login(editor)
    html = client.get("/en/staff/catalogue/services/a-service/history/").content.decode()
    assert html.count("/en/staff/catalogue/changes/") == 2


@pytest.mark.django_db
def test_edit_form_errors_keep_the_input_and_are_translated(client, service, editor):
    client.force_login(editor)
    data = _form_data(
        service, title_en="Typed title", fee="abc", categories=[], online="on", online_url=""
    )
    html = client.post("/ar/staff/catalogue/services/a-service/edit/", data).content.decode()
    assert 'value="Typed title"' in html
    assert "aria-invalid" in html
    assert not ServiceRevision.objects.exists()


@pytest.mark.django_db
def test_providers_see_votes_on_their_own_pages_only(client, service, editor):
    client.post("/en/services/a-service/useful/", {"useful": "yes"})
    other = ServiceFactory.create(slug="b-service", title_en="Someone else's page")
    client.post("/en/services/b-service/useful/", {"useful": "no"})
    client.force_login(editor)
    html = client.get("/en/staff/catalogue/feedback/").content.decode()
    assert service.title_en in html and "Someone else" not in html
    assert other.slug


@pytest.mark.django_db
def test_problem_reports_are_suggestions_in_the_complaints_queue_not_feedback(
    client, service, editor
):
    client.post("/en/services/a-service/report-a-problem/", {"problem": "Wrong phone number"})
    client.force_login(editor)
    html = client.get("/en/staff/catalogue/feedback/").content.decode()
    assert "Wrong phone number" not in html
    assert "Reports of a problem with one of your pages are now suggestions" in html
    with translation.override("en"):
        assert f'href="{reverse("staff_complaints:queue")}"' in html
    assert "No feedback yet." in html


def _provider_form(provider, **changes):
    from bawaba.catalogue.content import provider_content_of

    data = {key: value or "" for key, value in provider_content_of(provider).items()}
    data.update(
        description_ar="وصف الجهة.",
        description_en="What the entity does.",
        address_ar="مبنى 1، المنامة",
        address_en="Building 1, Manama",
        opening_hours_ar="من الأحد إلى الخميس",
        opening_hours_en="Sunday to Thursday",
    )
    data.update(changes)
    return data


@pytest.mark.django_db
def test_provider_page_changes_go_through_four_eyes_too(client, provider, editor, approver):
    client.force_login(editor)
    response = client.post(
        "/en/staff/catalogue/providers/ministry-a/edit/",
        {**_provider_form(provider, phone="١٧١١١١١١"), "submit": "1"},
    )
    assert response.status_code == 302
    revision = provider.revisions.get()
    assert revision.state == RevisionState.IN_REVIEW
    # The author cannot publish; the page stays as it was.
    with pytest.raises(actions.PublishingError):
        actions.revision_publish(user=editor, revision_id=revision.pk, model=type(revision))
    client.force_login(approver)
    client.post(
        f"/en/staff/catalogue/provider-changes/{revision.pk}/decide/", {"decision": "publish"}
    )
    provider.refresh_from_db()
    assert provider.phone == "17111111"
    assert provider.description_en == "What the entity does."
    client.logout()
    assert "What the entity does." in client.get("/en/providers/ministry-a/").content.decode()


@pytest.mark.django_db
def test_provider_page_needs_both_languages(client, provider, editor):
    client.force_login(editor)
    html = client.post(
        "/en/staff/catalogue/providers/ministry-a/edit/",
        {**_provider_form(provider, description_ar=""), "submit": "1"},
    ).content.decode()
    assert "Complete both languages first" in html
    assert not provider.revisions.filter(state=RevisionState.IN_REVIEW).exists()


@pytest.mark.django_db
def test_provider_a_editor_gets_404_on_provider_b_page_edit(client, editor):
    other = OrganisationFactory.create(slug="ministry-b")
    revision = actions.provider_revision_save_draft(
        user=staff_with_two_step(other, "editor"), provider=other, data=_provider_form(other)
    )
    client.force_login(editor)
    assert client.get("/en/staff/catalogue/providers/ministry-b/edit/").status_code == 404
    assert client.get(f"/en/staff/catalogue/provider-changes/{revision.pk}/").status_code == 404
    assert (
        client.post(
            f"/en/staff/catalogue/provider-changes/{revision.pk}/decide/", {"decision": "publish"}
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_approvers_and_authors_hear_of_each_step_in_their_inbox(
    provider, service, editor, approver, django_capture_on_commit_callbacks
):
    from django.core import mail

    from bawaba.notifications.models import Notification

    editor.preferred_language = "en"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        draft = actions.revision_save_draft(user=editor, service=service, data=content_of(service))
        actions.revision_submit(user=editor, revision_id=draft.pk)
    waiting = Notification.objects.get(recipient=approver)
    assert waiting.event == "catalogue.revision_awaiting_review"
    assert waiting.link == f"/ar/staff/catalogue/changes/{draft.pk}/"
    assert not Notification.objects.filter(recipient=editor).exists()

    with django_capture_on_commit_callbacks(execute=True):
        actions.revision_send_back(user=approver, revision_id=draft.pk, note="Fix the fee.")
    sent_back = Notification.objects.get(recipient=editor)
    assert sent_back.subject == "Your change was sent back: Old title"
    assert "Fix the fee." in sent_back.body
    assert sent_back.link == f"/en/staff/catalogue/changes/{draft.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        actions.revision_submit(user=editor, revision_id=draft.pk)
        actions.revision_publish(user=approver, revision_id=draft.pk)
    assert Notification.objects.filter(recipient=approver).count() == 2  # submitted twice
    published = Notification.objects.get(recipient=editor, event="catalogue.revision_published")
    assert published.subject == "Your change is published: Old title"
    assert {message.to[0] for message in mail.outbox} == {editor.email, approver.email}


@pytest.mark.django_db
def test_whoever_wrote_any_part_of_a_change_cannot_publish_it(client, provider, service, approver):
    """X writes, it is sent back, Y re-saves it unchanged and sends it: X still cannot publish."""
    writer = staff_with_two_step(provider, "editor", "approver")
    other_editor = staff_with_two_step(provider, "editor")
    words = {**content_of(service), "title_en": "Words of the writer"}
    revision = actions.revision_save_draft(user=writer, service=service, data=words)
    actions.revision_submit(user=writer, revision_id=revision.pk)
    actions.revision_send_back(user=approver, revision_id=revision.pk, note="Check again.")
    actions.revision_save_draft(user=other_editor, service=service, data=words)
    actions.revision_submit(user=other_editor, revision_id=revision.pk)
    revision.refresh_from_db()
    assert set(revision.contributors.all()) == {writer, other_editor}

    with pytest.raises(actions.PublishingError) as error:
        actions.revision_publish(user=writer, revision_id=revision.pk)
    assert error.value.code == "catalogue.revision.four_eyes"
    client.force_login(writer)
    page = client.get(f"/en/staff/catalogue/changes/{revision.pk}/").content.decode()
    assert 'value="publish"' not in page
    assert "Everyone who worked on it" in page
    assert writer.display_name in page and other_editor.display_name in page
    client.post(f"/en/staff/catalogue/changes/{revision.pk}/decide/", {"decision": "publish"})
    revision.refresh_from_db()
    assert revision.state == RevisionState.IN_REVIEW
    service.refresh_from_db()
    assert service.title_en == "Old title"
    # Someone who wrote none of it may publish.
    actions.revision_publish(user=approver, revision_id=revision.pk)
    service.refresh_from_db()
    assert service.title_en == "Words of the writer"


@pytest.mark.django_db
def test_a_provider_page_contributor_cannot_publish_it_either(provider, approver):
    writer = staff_with_two_step(provider, "editor", "approver")
    other_editor = staff_with_two_step(provider, "editor")
    data = _provider_form(provider)
    revision = actions.provider_revision_save_draft(user=writer, provider=provider, data=data)
    actions.revision_submit(user=writer, revision_id=revision.pk, model=ProviderRevision)
    actions.revision_send_back(
        user=approver, revision_id=revision.pk, note="Again.", model=ProviderRevision
    )
    actions.provider_revision_save_draft(user=other_editor, provider=provider, data=data)
    actions.revision_submit(user=other_editor, revision_id=revision.pk, model=ProviderRevision)
    with pytest.raises(actions.PublishingError) as error:
        actions.revision_publish(user=writer, revision_id=revision.pk, model=ProviderRevision)
    assert error.value.code == "catalogue.revision.four_eyes"


def _as_a_browser_sends(data):
    """Browsers send textarea lines with CRLF, and people leave stray spaces."""
    return {
        key: value.replace("\n", "\r\n ") + "\r\n"
        if isinstance(value, str) and "\n" in value
        else value
        for key, value in data.items()
    }


@pytest.mark.django_db
def test_the_review_table_lists_only_the_fields_whose_values_change(
    client, provider, service, editor, approver
):
    service.documents_en = "Smart card\nPassport"
    service.documents_ar = "البطاقة الذكية\nجواز السفر"
    service.keywords_en = "id card\nidentity"
    service.keywords_ar = "هوية\nبطاقة"
    service.fee_note_en = service.fee_note_ar = ""
    service.save()
    client.force_login(editor)
    form = _as_a_browser_sends(_form_data(service, title_en="New title"))
    response = client.post("/en/staff/catalogue/services/a-service/edit/", form)
    assert response.status_code == 302, response.content.decode()[-2000:]
    revision = ServiceRevision.objects.get()
    client.force_login(approver)
    response = client.get(f"/en/staff/catalogue/changes/{revision.pk}/")
    changed = [label for label, _before, _after in response.context["changes"]]
    assert changed == ["Title in English"]


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [
        ({"documents_en": "A\nB"}, {"documents_en": "A\r\nB\r\n"}, []),
        ({"documents_en": "A\nB"}, {"documents_en": " A \n B"}, []),
        ({"documents_en": "A\nB"}, {"documents_en": "A\nC"}, ["documents_en"]),
        ({"fee_note_en": None}, {"fee_note_en": ""}, []),
        ({"categories": ["a", "b"]}, {"categories": ["b", "a"]}, []),
        ({"categories": ["a"]}, {"categories": ["a", "b"]}, ["categories"]),
        ({"fee_fils": 0}, {"fee_fils": None}, ["fee_fils"]),
        ({"online": False}, {"online": True}, ["online"]),
        ({"review_by": datetime.date(2027, 1, 1)}, {"review_by": "2027-01-01"}, []),
    ],
)
def test_a_change_is_a_different_value_not_a_different_spelling(before, after, changed):
    assert content_changes(before, after) == changed


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_author_approver_banner_is_titled_information_not_with_the_page_title(
    client, provider, service, language
):
    writer = staff_with_two_step(provider, "editor", "approver")
    words = {**content_of(service), "title_en": "Words of the writer"}
    revision = actions.revision_save_draft(user=writer, service=service, data=words)
    actions.revision_submit(user=writer, revision_id=revision.pk)
    client.force_login(writer)
    html = client.get(f"/{language}/staff/catalogue/changes/{revision.pk}/").content.decode()
    with translation.override(language):
        information = translation.gettext("Information")
        explanation = translation.gettext(
            "You worked on this change, so another approver must publish it."
        )
    banner = html.split('class="banner banner--info"', 1)[1].split("</div>", 1)[0]
    assert explanation in banner
    assert f'<p class="banner__title">{information}</p>' in banner
