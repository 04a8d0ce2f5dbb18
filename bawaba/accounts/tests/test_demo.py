import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bawaba.accounts.demo import DEMO_PASSWORD
from bawaba.accounts.models import Membership, Organisation, User


def _snapshot():
    return (
        sorted(Organisation.objects.values_list("slug", "name_en", "updated_at")),
        sorted(User.objects.values_list("email", "password", "kind", "cpr", "passport_number")),
        sorted(Membership.objects.values_list("user__email", "organisation__slug", "role")),
    )


@pytest.mark.django_db
def test_demo_data_loads_once_and_a_second_run_changes_nothing(capsys):
    call_command("load_demo")
    first = _snapshot()
    output = capsys.readouterr().out
    assert "citizen@bawaba.example" in output
    assert DEMO_PASSWORD in output
    assert len(first[1]) >= 8
    assert {kind for *_rest, kind, _cpr, _passport in first[1]} >= {
        "individual",
        "business_representative",
        "staff",
    }
    call_command("load_demo")
    assert _snapshot() == first
    assert "0 organisations, 0 accounts" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_accounts_can_sign_in(client):
    call_command("load_demo")
    response = client.post(
        "/en/accounts/login/", {"login": "visitor@bawaba.example", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_demo_data_is_refused_when_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="not allowed"):
        call_command("load_demo")
    assert not User.objects.exists()
