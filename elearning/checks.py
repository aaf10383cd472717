"""System checks of the project core, run at every start (`manage.py check`, runserver, gunicorn
through Django's setup, tests)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register


def _redis_database(url: str) -> tuple:
    """(host, port, database number) of a redis:// URL."""
    parts = urlsplit(url)
    database = (parts.path or "/0").strip("/") or "0"
    return (parts.hostname or "localhost", parts.port or 6379, database)


@register()
def page_cache_has_its_own_database(app_configs=None, **kwargs):
    """The page cache is evicted least-recently-used under a memory limit: sharing a Redis
    database with the sessions, rate limits or the Celery queue would let it evict them."""
    pages = settings.CACHES.get("pages", {})
    if not pages.get("BACKEND", "").endswith("RedisCache"):
        return []
    own = _redis_database(pages["LOCATION"])
    others = {"the default cache": settings.CACHES.get("default", {}).get("LOCATION")}
    others["the Celery broker"] = getattr(settings, "CELERY_BROKER_URL", None)
    return [
        Error(
            f"The page cache shares its Redis database with {name} ({url}).",
            hint="Give CACHES['pages'] a database of its own (PAGE_CACHE_URL, e.g. redis://host:6379/1).",
            id="elearning.E001",
        )
        for name, url in others.items()
        if isinstance(url, str) and url.startswith("redis") and _redis_database(url) == own
    ] or [
        Warning(
            f"The page cache is on the same Redis server as {name} ({url}), in another database.",
            hint="Redis applies maxmemory and its eviction policy to the whole server: give the page "
            "cache a server of its own (PAGE_CACHE_URL) with allkeys-lru, and keep the sessions' and "
            "broker's server noeviction.",
            id="elearning.W002",
        )
        for name, url in others.items()
        if isinstance(url, str) and url.startswith("redis") and _redis_database(url)[:2] == own[:2]
    ]
