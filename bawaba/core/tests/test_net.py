"""The client's address: the trusted proxy's X-Forwarded-For entry when it is
an IP address, the connection's otherwise; limits count an IPv6 client by /64."""

import pytest
from django.test import Client

from bawaba.core.net import client_ip, client_key, ip_address_or_none

PROXY = "10.0.0.1"


@pytest.mark.parametrize(
    ("trusted", "forwarded", "remote", "expected"),
    [
        # No proxy trusted: the header is whatever the client wrote.
        (0, "203.0.113.9", PROXY, PROXY),
        (1, None, PROXY, PROXY),
        (1, "", PROXY, PROXY),
        (1, "203.0.113.9", PROXY, "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", PROXY, "203.0.113.9"),
        (2, "198.51.100.7, 203.0.113.9", PROXY, "198.51.100.7"),
        # Fewer entries than trusted proxies: the connection's address.
        (2, "203.0.113.9", PROXY, PROXY),
        (1, " 2001:DB8::0001 ", PROXY, "2001:db8::1"),
        (1, "::ffff:203.0.113.9", PROXY, "203.0.113.9"),
        (1, "203.0.113.9:51234", PROXY, "203.0.113.9"),
        (1, "[2001:db8::1]:443", PROXY, "2001:db8::1"),
        # Garbage or a forged non-address: never a fresh key for rate limits.
        (1, "unknown", PROXY, PROXY),
        (1, "evil.example", PROXY, PROXY),
        (1, "1.2.3.4.5", PROXY, PROXY),
        (1, "256.1.1.1", PROXY, PROXY),
        (1, "203.0.113.9 OR 1=1", PROXY, PROXY),
        (1, "<script>", PROXY, PROXY),
        (1, "203.0.113.9\x00", PROXY, PROXY),
        (1, "x" * 5000, PROXY, PROXY),
        (1, "fe80::1%eth0", PROXY, PROXY),
        (1, "[2001:db8::1]x", PROXY, PROXY),
        (1, "203.0.113.9:http", PROXY, PROXY),
        (1, "198.51.100.7, not-an-address", PROXY, PROXY),
        # Only the trusted proxy's entry counts, not what the client put first.
        (1, "not-an-address, 203.0.113.9", PROXY, "203.0.113.9"),
        (1, "garbage", "", None),
        (0, None, "not-an-address", None),
    ],
)
def test_client_ip(rf, settings, trusted, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(rf.get("/", **headers)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::1", "::1"),
        ("[::1]", "::1"),
        ("", None),
        (None, None),
        ("192.0.2.1:", None),
        ("[::1", None),
        ("0x7f.1", None),
    ],
)
def test_ip_address_or_none(value, expected):
    assert ip_address_or_none(value) == expected


@pytest.mark.parametrize(
    ("remote", "key"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("not-an-address", None),
    ],
)
def test_limits_count_an_ipv6_client_by_its_64(rf, remote, key):
    assert client_key(rf.get("/", REMOTE_ADDR=remote)) == key


@pytest.mark.django_db
def test_the_api_throttle_holds_a_host_that_rotates_its_ipv6_addresses(monkeypatch):
    monkeypatch.setattr("bawaba.catalogue.api.errors.API_RATE", "2/min")
    for suffix in ("1", "2"):
        client = Client(REMOTE_ADDR=f"2001:db8:1:2::{suffix}")
        assert client.get("/api/v1/categories").status_code == 200
    assert Client(REMOTE_ADDR="2001:db8:1:2::3").get("/api/v1/categories").status_code == 429
    assert Client(REMOTE_ADDR="2001:db8:1:3::1").get("/api/v1/categories").status_code == 200


@pytest.mark.django_db
def test_sign_in_limits_are_not_escaped_with_a_forged_forwarded_address(settings):
    """Each request claims another made-up address; all count as the proxy's."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    statuses = []
    for number in range(3):
        client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"forged-{number}")
        response = client.post(
            "/en/accounts/login/", {"login": "nobody@bawaba.example", "password": "wrong"}
        )
        statuses.append(response.status_code)
    assert statuses == [200, 200, 429]


@pytest.mark.django_db
def test_sign_in_with_fewer_forwarded_entries_than_proxies_is_not_an_error(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = client.post(
        "/en/accounts/login/", {"login": "nobody@bawaba.example", "password": "wrong"}
    )
    assert response.status_code == 200
