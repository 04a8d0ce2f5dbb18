import socket
from typing import Any
from unittest import mock

import pytest
from django.core.cache.backends.base import BaseCache
from django.db.utils import OperationalError

from bawaba.core.net import forwarding_check_reset


@pytest.fixture(autouse=True)
def _no_forwarding_seen_yet():
    forwarding_check_reset()
    yield
    forwarding_check_reset()


@pytest.mark.django_db
def test_healthz_and_readyz_answer_ok(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_names_an_unreachable_database(client):
    with mock.patch("bawaba.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failing": ["database"]}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.django_db
def test_readyz_names_an_unreachable_redis_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "bawaba.core.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_free_port()}/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _portal_redis_cache(settings: Any, key_prefix: str = "") -> BaseCache:
    """The portal's Redis cache backend on the test machine's Redis (database
    15), as the default cache; skipped without Redis unless it is required."""
    if not _redis_reachable():
        from conftest import require_or_skip

        require_or_skip("BAWABA_REQUIRE_REDIS", "needs Redis on 127.0.0.1:6379")
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "bawaba.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": key_prefix,
        }
    }
    return caches["default"]


@pytest.mark.django_db
def test_readyz_is_ok_with_a_real_redis_cache(client, settings):
    _portal_redis_cache(settings)
    response = client.get("/readyz")
    assert response.status_code == 200


def test_the_portals_redis_cache_keeps_one_client_and_works(settings):
    cache = _portal_redis_cache(settings, key_prefix="bawaba-test-client")
    cache.set("answer", {"n": 42}, 30)
    assert cache.get("answer") == {"n": 42}
    cache.delete("counter")
    assert cache.add("counter", 1)
    assert cache.incr("counter") == 2
    assert cache.get_many(["answer", "missing"]) == {"answer": {"n": 42}}
    cache.delete("answer")
    assert cache.get("answer") is None
    client = cache._cache  # type: ignore[attr-defined]
    assert client.get_client() is client.get_client()
    assert client.get_client(write=True) is client.get_client(write=True)


@pytest.mark.django_db
def test_readyz_reports_proxied_requests_while_no_proxy_is_trusted(client, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 1
    client.get("/en/", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client.get("/readyz").json() == {"status": "ok"}

    settings.TRUSTED_PROXY_COUNT = 0
    with caplog.at_level("WARNING", logger="bawaba.core.net"):
        client.get("/en/", HTTP_X_FORWARDED_FOR="203.0.113.9")
        client.get("/ar/", HTTP_X_FORWARDED_FOR="203.0.113.10")
    warnings = [r for r in caplog.records if "TRUSTED_PROXY_COUNT is 0" in r.getMessage()]
    assert len(warnings) == 1  # once, not on every request
    response = client.get("/readyz")
    # Still ready: the portal serves, but the operator sees the problem.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert "TRUSTED_PROXY_COUNT is 0" in body["warnings"][0]


def test_the_portals_redis_incr_keeps_the_expiry_and_refuses_a_missing_key(settings):
    cache = _portal_redis_cache(settings, key_prefix="bawaba-test-incr")
    cache.delete("hits")
    with pytest.raises(ValueError):
        cache.incr("hits")
    assert cache.get("hits") is None  # a missing key is not created
    assert cache.add("hits", 1, 60)
    assert cache.incr("hits") == 2
    assert cache.incr("hits", 3) == 5
    assert cache.get("hits") == 5
    client = cache._cache.get_client("hits")  # type: ignore[attr-defined]
    assert 0 < client.ttl(cache.make_key("hits")) <= 60  # the expiry is kept
    cache.delete("hits")
