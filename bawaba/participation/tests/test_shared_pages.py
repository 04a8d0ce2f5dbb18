"""The pages every participation space shares, over HTTP: choosing the name
shown with posts (never an email address or a CPR number), the gate before
a post form, and the moderators' back office, which anyone else gets as a 404."""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from bawaba.accounts.constants import AccountKind, Role
from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory, staff_with_two_step
from bawaba.participation import actions
from bawaba.participation.models import Participant
from bawaba.participation.selectors import posting_gate

pytestmark = pytest.mark.django_db


def test_a_person_chooses_the_name_shown_with_their_posts(client, citizen):
    client.force_login(citizen)
    url = reverse("participation:name") + "?next=/en/forums/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"display_name": "  Maryam  ", "next": "/en/forums/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/forums/"
    assert Participant.objects.get(user=citizen).display_name == "Maryam"


@pytest.mark.parametrize(
    "typed", ["maryam@example.com", "980112345", "٩٨٠١١٢٣٤٥", "x", "bad\x00name", "y" * 61]
)
def test_a_name_that_gives_away_who_they_are_or_is_garbled_is_refused(client, citizen, typed):
    client.force_login(citizen)
    response = client.post(reverse("participation:name"), {"display_name": typed})
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert not Participant.objects.filter(user=citizen).exists()


def test_the_next_address_must_be_ours(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("participation:name"),
        {"display_name": "Maryam", "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == reverse("catalogue:home")


def test_a_business_representative_answers_as_the_business(client):
    representative = UserFactory.create(kind=AccountKind.BUSINESS_REPRESENTATIVE)
    client.force_login(representative)
    response = client.post(reverse("participation:name"), {"display_name": "Ali"})
    assert response.context["form"].errors["business_name"]
    client.post(
        reverse("participation:name"), {"display_name": "Ali", "business_name": "Gulf Bakeries"}
    )
    assert Participant.objects.get(user=representative).shown_name == "Gulf Bakeries"


def test_the_gate_asks_to_sign_in_then_for_a_name_and_stops_a_blocked_account(citizen):
    from django.contrib.auth.models import AnonymousUser

    assert posting_gate(AnonymousUser()).reason == "sign_in"
    assert posting_gate(citizen).reason == "unnamed"
    actions.participant_set(user=citizen, display_name="Maryam")
    assert posting_gate(citizen).open
    moderator = staff_with_two_step(OrganisationFactory.create(), Role.PORTAL_MODERATOR)
    actions.account_block(user=citizen, by=moderator, reason="Spam, again and again.")
    assert posting_gate(citizen).reason == "blocked"
    with pytest.raises(actions.PostingError):
        actions.contribution_fields(user=citizen, body="Hello")


def test_only_the_portals_moderators_block_accounts(citizen):
    provider_moderator = staff_with_two_step(OrganisationFactory.create(), Role.MODERATOR)
    with pytest.raises(actions.ModerationError):
        actions.account_block(user=citizen, by=provider_moderator, reason="Spam")


def test_a_block_is_recorded_told_and_lifted(citizen):
    from bawaba.core.models import AuditEvent
    from bawaba.notifications.models import Notification

    moderator = staff_with_two_step(OrganisationFactory.create(), Role.PORTAL_MODERATOR)
    block = actions.account_block(user=citizen, by=moderator, reason="Insults.")
    assert block.blocked_by == moderator
    assert AuditEvent.objects.filter(action="participation.account.blocked").exists()
    told = Notification.objects.get(recipient=citizen, event="participation.account.blocked")
    assert "Insults." in told.body
    actions.account_unblock(user=citizen, by=moderator, reason="Promised to behave.")
    block.refresh_from_db()
    assert block.lifted_by == moderator
    assert actions.block_active(citizen) is None


@pytest.mark.parametrize(
    "path",
    [
        "staff_participation:queue",
        ("staff_participation:case", True),
    ],
)
def test_people_who_moderate_nothing_get_404(client, citizen, path):
    name, with_id = (path, False) if isinstance(path, str) else path
    url = reverse(name, kwargs={"case_id": uuid.uuid4()} if with_id else {})
    editor = staff_with_two_step(OrganisationFactory.create(), Role.EDITOR)
    for who in (citizen, editor):
        client.force_login(who)
        assert client.get(url).status_code == 404


def test_a_moderator_sees_the_queue(client):
    moderator = staff_with_two_step(OrganisationFactory.create(), Role.MODERATOR)
    client.force_login(moderator)
    with translation.override("en"):
        response = client.get(reverse("staff_participation:queue"))
    assert response.status_code == 200
    assert "No post waits for a decision." in response.content.decode()
