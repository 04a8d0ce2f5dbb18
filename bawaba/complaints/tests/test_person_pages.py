"""The person's own cases: theirs only (anyone else's is a 404), in both languages."""

import pytest

from bawaba.accounts.tests.factories import UserFactory
from bawaba.complaints.actions import Filing, complaint_file
from bawaba.complaints.models import Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed():
    person = UserFactory.create()
    complaint = complaint_file(
        filing=Filing(kind=Kind.COMPLAINT, subject="Long wait", details="Three weeks."),
        person=person,
    )
    return person, complaint


@pytest.mark.parametrize(("language", "heading"), [("en", "Message sent"), ("ar", "أُرسلت رسالتكم")])
def test_the_person_reads_their_case_with_its_reference(client, filed, language, heading):
    person, complaint = filed
    client.force_login(person)
    html = client.get(f"/{language}/accounts/cases/{complaint.pk}/?sent=1").content.decode()
    assert heading in html and complaint.reference in html and "Three weeks." in html
    assert complaint.reference in client.get(f"/{language}/accounts/cases/").content.decode()


def test_someone_else_gets_404_and_a_visitor_is_asked_to_sign_in(client, filed):
    _, complaint = filed
    assert client.get(f"/en/accounts/cases/{complaint.pk}/").status_code == 302
    client.force_login(UserFactory.create())
    assert client.get(f"/en/accounts/cases/{complaint.pk}/").status_code == 404
    assert complaint.reference not in client.get("/en/accounts/cases/").content.decode()
