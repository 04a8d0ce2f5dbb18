"""Bad input to the case pages and the public check of a document: a clear,
translated answer, never a server error, and nothing typed is lost."""

import pytest

from bawaba.accounts.tests.factories import staff_with_two_step
from bawaba.eservices.models import ApplicationState

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(client, unpaid, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/applications/{unpaid.pk}/pay/sandbox/", {"outcome": "pay"})
    unpaid.refresh_from_db()
    assert unpaid.state == ApplicationState.SUBMITTED
    client.logout()
    return unpaid


def _act(client, application, move, **fields):
    application.refresh_from_db()
    data = {"move": move, "revision": application.revision, **fields}
    return client.post(f"/en/staff/applications/{application.pk}/act/", data)


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
    response = _act(client, sent, "assign", assignee=assignee)
    assert response.status_code == 400
    assert "Choose a colleague who handles this provider" in response.content.decode()
    sent.refresh_from_db()
    assert sent.assignee is None
