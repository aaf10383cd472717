"""Django's Redis cache, made safe to lose: a cache that cannot be reached is a miss.

Everything the site keeps in the cache (sessions, which are also in the database; rate-limit
counters; the anonymous page cache; content fragments) can be rebuilt, so an unreachable Redis
must cost speed, never an error page. Every cache call goes through `RedisCache` below: a
connection or timeout error is logged and answered as a miss (`get` gives the default, `add`
succeeds as on a missing key, `set` and `delete` do nothing, `incr` says the key is missing:
rate limits count afresh while Redis is away). After an error
the cache is skipped for `DOWN_SECONDS`, so requests during an outage don't each wait for a
connection that will fail.

Connections time out quickly (see CACHES in settings: `socket_connect_timeout`,
`socket_timeout`) and are not retried by redis-py: the caller's fallback is the retry.

Django's `RedisCacheClient.get_client()` also builds a new `redis.Redis` for every operation,
which since redis-py 5 fills a table of about 170 response callbacks (about 350 µs, more than
half of a `cache.get()`); one client per connection pool is kept instead (a client is safe to
share between threads)."""

import functools
import logging
import time

from django.core.cache.backends import redis as django_redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# After a failed call, skip the cache this long (seconds), then try again.
DOWN_SECONDS = 1.0


class RedisCacheClient(django_redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(index)
        if client is None:
            client = clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


def _miss(answer):
    """Decorate a cache method: a Redis error (or a recent one) gives `answer(*args, **kwargs)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.down_until > time.monotonic():
                return answer(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self.down_until = time.monotonic() + DOWN_SECONDS
                logger.warning("Cache %s unreachable (%s); answering as a miss", self._servers, error)
                return answer(*args, **kwargs)

        return wrapper

    return decorate


def _missing_key(*args, **kwargs):
    raise ValueError("Key not found (the cache is unreachable)")


class RedisCache(django_redis.RedisCache):
    """Django's RedisCache with errors as misses (see the module's docstring)."""

    down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    @_miss(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_miss(lambda keys, version=None: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    # As if the key was missing and is now set: a lock taken with `add` (allauth's rate limits)
    # goes ahead instead of waiting for a cache that is not there.
    @_miss(lambda *args, **kwargs: True)
    def add(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_miss(lambda *args, **kwargs: None)
    def set(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_miss(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_miss(lambda *args, **kwargs: False)
    def touch(self, key, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_miss(lambda *args, **kwargs: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_miss(lambda *args, **kwargs: None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_miss(lambda *args, **kwargs: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_miss(_missing_key)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_miss(lambda *args, **kwargs: False)
    def clear(self):
        return super().clear()

    def set_reliably(self, key, value, timeout=None, attempts=3) -> bool:
        """`set` for a write that must not be lost (the page cache's generation): tried even
        while the cache is being skipped after an error, a few times, and logged as an error
        if it still fails."""
        for attempt in range(attempts):
            try:
                super().set(key, value, timeout)
                return True
            except (RedisError, OSError) as error:
                if attempt == attempts - 1:
                    logger.error("Cache %s: could not write %s (%s)", self._servers, key, error)
                else:
                    time.sleep(0.05 * (attempt + 1))
        return False
