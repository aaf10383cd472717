"""The anonymous page cache: published Wagtail pages kept whole for visitors without a session,
and the generation that content fragments are keyed by.

The rules, all in this module:

- **What is stored:** the 200 response of a GET that Wagtail's page view (`wagtail_serve`)
  answered (the middleware is last, so it sees the resolved view), for a request without a
  session or messages cookie (other cookies, such as analytics, change nothing), on a host
  that is a Site's hostname, whose query parameters are all ones a page declared
  (`register_query_parameters`). A response that sets a cookie, or says `private`,
  `no-cache` or `no-store` (a learner's own course page), is never stored. The response's
  headers are not changed, and nothing else (admin, `/static/`, `/media/`, learner
  endpoints) is looked at.
- **Keys** carry the site, the path with its known parameters in a fixed order, the release
  (a digest of the code and templates, so a deploy starts afresh) and the current
  **generation**. A publish raises the generation once its transaction commits: every stored
  page is then unreachable and ages out of Redis (`allkeys-lru`, PAGE_CACHE_SECONDS). Nothing
  is flushed, nothing is purged twice.
- **What raises it:** publishing, unpublishing, moving, renaming or deleting a page (Wagtail's
  signals), and saving or deleting any model an app registered as public content
  (`register_public_model` in its `AppConfig.ready()`). An atomic block raises it once, however
  many rows it saves.
- **Where:** the cache alias "pages", a Redis database of its own with a memory limit
  (`elearning.checks` refuses to start if it shares the default or broker database). A cache
  that cannot be reached is a miss (elearning.cache).
"""

import contextvars
import hashlib
import os
import uuid
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

PAGE_CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
HOSTS_KEY = "page-cache:hosts"
# A known parameter with a longer value, or given twice, is served uncached.
MAX_PARAMETER_LENGTH = 40

_query_parameters: set[str] = set()
_public_models: set[str] = set()


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


# Registries ---------------------------------------------------------------------------------


def register_query_parameters(*names: str) -> None:
    """Query parameters that a page reads (a listing's filters, its page number): a URL with
    any other parameter (`?utm_source=…`) is served without the cache."""
    _query_parameters.update(names)


def register_public_model(model) -> None:
    """Public pages show this model's rows: saving or deleting one raises the generation."""
    label = model._meta.label_lower
    post_save.connect(_content_changed, sender=model, dispatch_uid=f"page_cache_save_{label}")
    post_delete.connect(_content_changed, sender=model, dispatch_uid=f"page_cache_delete_{label}")
    _public_models.add(label)


def public_models() -> frozenset[str]:
    return frozenset(_public_models)


def connect_wagtail_signals() -> None:
    """Page changes that public pages show: connected once, from elearning's AppConfig."""
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_content_changed, dispatch_uid=f"page_cache_{id(signal)}")
    # Deleting a page deletes its Page row, whatever its type.
    post_delete.connect(_content_changed, sender=Page, dispatch_uid="page_cache_page_deleted")
    register_public_model(Site)
    register_public_model(PageViewRestriction)  # a restricted page must not stay stored


# The generation -----------------------------------------------------------------------------


def _content_changed(sender=None, **kwargs):
    purge()


def purge() -> None:
    """Raise the generation once the current transaction commits (at once outside one). The
    saves of one atomic block (a deck's 300 slides) queue one raise between them."""
    if not enabled():
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        here = set(connection.savepoint_ids)
        queued = connection.run_on_commit
        if any(callback is raise_generation and sids == here for sids, callback, _ in queued):
            return
    transaction.on_commit(raise_generation, robust=True)


def raise_generation() -> None:
    """Start a new generation: what was stored under the old one is never read again. Written
    even while the cache is being skipped after an error, and retried (elearning.cache)."""
    cache_ = page_cache()
    new = uuid.uuid4().hex
    if hasattr(cache_, "set_reliably"):
        cache_.set_reliably(GENERATION_KEY, new, None)
    else:
        cache_.set(GENERATION_KEY, new, None)


# Within a request the generation is read once (a request-scoped value, set and reset by the
# middleware): the page, its fragments, its menu and its course's steps agree, at one round trip.
_UNREAD = object()
_request_generation = contextvars.ContextVar("page_cache_generation", default=None)


def generation() -> str | None:
    """The current generation (made if missing: a new Redis, or evicted), or None when the cache
    cannot be reached. Read once per request inside one."""
    remembered = _request_generation.get()
    if remembered is None:  # outside a request (a worker, a command): read it each time
        return _read_generation()
    if remembered is _UNREAD:
        remembered = _read_generation()
        _request_generation.set(remembered)
    return remembered


def _read_generation() -> str | None:
    cache_ = page_cache()
    current = cache_.get(GENERATION_KEY)
    if current is None:
        cache_.add(GENERATION_KEY, uuid.uuid4().hex, None)
        current = cache_.get(GENERATION_KEY)
    return current


def cached_public(key: str, compute, *, keep_empty=True):
    """A value computed from public content (a route, a menu), kept beside the pages under the
    current generation and release, so a publish makes it stale. Plain data only (nothing of
    a learner's); computed every time when the cache cannot be reached. With `keep_empty`
    false, an empty answer (a path that names no page) is not kept, so made-up addresses
    cannot fill the cache."""
    current = generation()
    if current is None:
        return compute()
    cache_ = page_cache()
    full_key = f"{key}:{release()}:{current}"
    value = cache_.get(full_key)
    if value is None:
        value = compute()
        if value or keep_empty:
            cache_.set(full_key, value, settings.PAGE_CACHE_SECONDS)
    return value


@cache
def release() -> str:
    """A digest of the code and templates this process runs (their paths, sizes and times), so
    pages stored by an older release are not served by a newer one. `RELEASE` in the
    environment (a commit id) takes its place."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"]
    digest = hashlib.sha1()
    root = Path(settings.BASE_DIR)
    for top in sorted(root.iterdir()):
        if not top.is_dir() or top.name.startswith(".") or top.name in _NOT_RELEASED:
            continue
        for path in sorted(top.rglob("*")):
            if path.suffix in (".py", ".html", ".txt", ".mo") and path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


_NOT_RELEASED = {"var", "tests", "benchmarks", "node_modules", "scripts", "deploy"}


# The middleware -----------------------------------------------------------------------------


def _site_hosts(cache_, current):
    """{hostname: site id} of every Site (ports aside), kept beside the pages with the generation
    it was read under (a map read just before a Site changed is then never used after)."""
    from wagtail.models import Site

    hosts = {}
    for hostname, site_id in Site.objects.order_by("-is_default_site", "pk").values_list("hostname", "pk"):
        hosts.setdefault(hostname.lower(), site_id)
    cache_.set(HOSTS_KEY, (current, hosts), settings.PAGE_CACHE_SECONDS)
    return hosts


def _cookieless(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
    )


def page_key(request) -> str | None:
    """The cache key of this request's page, or None when it is not to be cached."""
    if not enabled() or request.method != "GET" or not _cookieless(request):
        return None
    if any(name not in _query_parameters for name in request.GET) or any(
        len(values) > 1 or len(values[0]) > MAX_PARAMETER_LENGTH for _name, values in request.GET.lists()
    ):
        return None
    cache_ = page_cache()
    found = cache_.get_many([GENERATION_KEY, HOSTS_KEY])
    current = found.get(GENERATION_KEY) or generation()
    if current is None:  # the cache cannot be reached
        return None
    _request_generation.set(current)
    kept = found.get(HOSTS_KEY)
    hosts = kept[1] if isinstance(kept, tuple) and kept[0] == current else _site_hosts(cache_, current)
    site_id = hosts.get(request.get_host().rsplit(":", 1)[0].lower())
    if site_id is None:
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    location = hashlib.sha1(f"{request.path}?{query}".encode()).hexdigest()
    return f"page:{release()}:{current}:{site_id}:{location}"


def _storable(request, response) -> bool:
    """Only a page that is the same for every anonymous visitor. This middleware is last, so it
    sees the response before the session, CSRF and messages middleware add their cookies: a
    page that used a CSRF token (a form, such as Wagtail's password prompt) or changed the
    session is therefore refused here, not by its cookies."""
    match = getattr(request, "resolver_match", None)
    control = response.get("Cache-Control", "").lower()
    session = getattr(request, "session", None)
    return (
        match is not None
        and match.url_name == "wagtail_serve"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in ("private", "no-cache", "no-store"))
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
    )


class PageCacheMiddleware:
    """Serves and stores anonymous page views (the rules are in the module's docstring). Last in
    MIDDLEWARE: once the URL is resolved, only Wagtail's page view is looked up, in the
    language the path gives; a stored page is answered without the view, its queries or a
    session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name != "wagtail_serve":
            return None
        key = page_key(request)
        if key is None:
            return None
        stored = page_cache().get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        request.page_cache_key = key
        return None

    def __call__(self, request):
        remembered = _request_generation.set(_UNREAD)
        try:
            response = self.get_response(request)
        finally:
            _request_generation.reset(remembered)
        key = getattr(request, "page_cache_key", None)
        if key is not None and _storable(request, response):
            stored = (response.status_code, list(response.items()), response.content)
            page_cache().set(key, stored, settings.PAGE_CACHE_SECONDS)
        return response
