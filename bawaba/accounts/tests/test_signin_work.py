"""A wrong password or an unknown email costs the same password hashing as a
right password: one hash each, so the time taken tells nothing."""

from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher, make_password

from bawaba.accounts.tests.factories import PASSWORD, UserFactory


def _hashes(client, email, password) -> tuple[int, int]:
    with (
        mock.patch.object(
            MD5PasswordHasher, "verify", autospec=True, side_effect=MD5PasswordHasher.verify
        ) as verify,
        mock.patch(
            "django.contrib.auth.base_user.make_password", side_effect=make_password
        ) as new_hash,
    ):
        response = client.post("/en/accounts/login/", {"login": email, "password": password})
    return response.status_code, verify.call_count + new_hash.call_count


@pytest.mark.django_db
def test_right_and_wrong_passwords_and_unknown_emails_cost_one_hash_each(client):
    UserFactory(email="person@bawaba.example")
    assert _hashes(client, "person@bawaba.example", PASSWORD) == (302, 1)
    client.logout()
    assert _hashes(client, "person@bawaba.example", "not the password") == (200, 1)
    assert _hashes(client, "nobody@bawaba.example", "not the password") == (200, 1)
