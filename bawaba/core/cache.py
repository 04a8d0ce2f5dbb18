"""The portal's Redis cache: Django's own backend, keeping one client per
connection pool.

Django's client builds a new ``redis.Redis`` for every operation (its
``get_client`` says a custom client may choose differently). Building one
copies the client's table of reply parsers, about a third of a cached read
on a small server. The client is safe to share between threads, and its
pool opens connections again after a fork, so one per pool is enough."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django: Any = self  # the stubs leave out the base class's private helpers
        index = django._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = django._client(connection_pool=django._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
