"""Whole-page cache for anonymous visitors: Django's cache middleware, narrowed to published
Wagtail pages requested without a session, and emptied whenever published content changes.

- Only GET and HEAD of pages served by Wagtail (`wagtail_serve`) are stored: never the admin,
  previews or drafts (those are admin views), learner endpoints, search or account pages.
- A request carrying a session cookie (a logged-in learner, editor or coordinator) neither
  reads nor writes the cache, so one person's page never reaches another. Django's own rules
  still apply: no response that sets a cookie, or says private / no-cache (a learner's course
  and lesson pages), is stored; the key varies on the headers the response varies on.
- Publishing, unpublishing, moving or deleting a page, and saving anything else that public pages
  show (snippets, site settings, images, documents, slide decks), empties the whole page cache
  (its own cache alias, a Redis database of its own in production): menus, listings and
  featured courses span pages, so a whole flush is the only purge that is always right.
- Browsers are told to revalidate every time (`no-cache`): the server's copy is the one that
  is purged.

`PAGE_CACHE_SECONDS` (0 turns it off) bounds how long a page is kept."""

import contextvars
import pickle
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

from elearning.celery import send_task_safely

PAGE_CACHE_ALIAS = "pages"
# Models shown on public pages outside the page tree (page content changes through publish).
CONTENT_APPS = {"home", "webinars", "wagtailimages", "wagtaildocs", "wagtailcore", "taggit"}
NOT_CONTENT = {"wagtailcore.revision", "wagtailcore.pagelogentry", "wagtailcore.modellogentry",
               "wagtailcore.workflowstate", "wagtailcore.taskstate", "wagtailcore.pagesubscription",
               "wagtailcore.comment", "wagtailcore.commentreply", "wagtailimages.rendition",
               "wagtailcore.referenceindex", "wagtailcore.pagelock"}  # fmt: skip


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _anonymous_read(request) -> bool:
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _revalidate(response):
    """The browser keeps nothing: it asks each time, and the server answers from its cache."""
    response["Cache-Control"] = "no-cache"
    if "Expires" in response:
        del response["Expires"]
    return response


class UpdatePageCacheMiddleware(UpdateCacheMiddleware):
    """First in MIDDLEWARE: stores the responses that may be stored."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.cache_alias = PAGE_CACHE_ALIAS

    def _should_update_cache(self, request, response):
        match = getattr(request, "resolver_match", None)
        return (
            _anonymous_read(request)
            and match is not None
            and match.url_name == "wagtail_serve"
            and super()._should_update_cache(request, response)
        )

    def process_response(self, request, response):
        self.cache_timeout = settings.PAGE_CACHE_SECONDS
        if not _anonymous_read(request):
            return response
        return _revalidate(super().process_response(request, response))


class FetchPageCacheMiddleware(FetchFromCacheMiddleware):
    """Last in MIDDLEWARE: answers from the cache when it holds the page."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.cache_alias = PAGE_CACHE_ALIAS

    def process_request(self, request):
        if not _anonymous_read(request):
            request._cache_update_cache = False
            return None
        response = super().process_request(request)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            _revalidate(response)
        return response


# A request that read the old content just before the change may store its page just after
# the purge; a second purge a few seconds later removes it.
SECOND_PURGE_AFTER = 5


class RouteCacheMiddleware:
    """Wagtail finds a page by walking the tree from the site's root, a query or two per level,
    then checks the view restrictions of the page and its ancestors, and a lesson or quiz looks
    up its course. This keeps, for each path, the page found (with its course) and the
    restrictions that apply, beside the pages and purged with them: serving a page then needs no
    query to find it. The request's Site and the site root paths come from the same cache, so
    menus, settings and page URLs don't look them up either. Wagtail's serve view reads the
    route the middleware leaves on the request.

    It also reads the cache's generation, once per request, so that what the page cache holds
    can be kept in the worker's own memory too (see `cached`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            _generation.set(None)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not enabled() or match is None or match.url_name in UNCACHED_VIEWS:
            return None
        _generation.set(_current_generation())
        host = request.get_host()
        site = cached(f"site:{host}", lambda: Site.find_for_request(request))
        if site is None:
            return None
        request._wagtail_site = site
        request._wagtail_cached_site_root_paths = cached("site-root-paths", Site.get_site_root_paths)
        if match.url_name != "wagtail_serve":
            return None
        # Wagtail's pattern passes the path positionally.
        path = view_kwargs["path"] if "path" in view_kwargs else (view_args[0] if view_args else None)
        if path is None:
            return None

        def route():
            result = Page.route_for_request(request, path)
            return _route_entry(*result) if result is not None else None

        entry = cached(f"route:{host}:{translation.get_language()}:{path}", route)
        if entry is None:
            return None
        page, args, kwargs, restrictions = entry
        # Wagtail's on_serve_page hook asks the page for its restrictions; these are the same.
        page.get_view_restrictions = lambda: restrictions
        request._wagtail_route_for_request = RouteResult(page, args=args, kwargs=kwargs)
        return None


UNCACHED_VIEWS = {"healthz"}


def _route_entry(page, args, kwargs):
    """What serving the page needs from the database, loaded now so that it travels with the
    cached page: its restrictions, a lesson's or quiz's course, and the objects the page's own
    `prepare_for_cache` loads."""
    restrictions = list(page.get_view_restrictions())
    prepare = getattr(page, "prepare_for_cache", None)
    if prepare:
        prepare()
    return page, args, kwargs, restrictions


def purge(**kwargs):
    """Empty the page cache once the change is committed (a request starting later sees the new
    content), and again a few seconds later."""
    if enabled():
        transaction.on_commit(purge_now)


def purge_now(second=True):
    caches[PAGE_CACHE_ALIAS].clear()
    _last_check[:] = [float("-inf"), None]  # this worker sees the change at once
    if second:
        from .tasks import purge_page_cache

        send_task_safely(purge_page_cache, countdown=SECOND_PURGE_AFTER)


# What the page cache holds is also kept in each worker's memory, for the requests that read the
# same generation of the cache: one read of the generation per request instead of a Redis
# round trip for each menu, syllabus, fragment and route. Purging empties Redis, which starts a
# new generation, so every worker's copies go stale at once.
GENERATION_KEY = "generation"
LOCAL_ENTRIES = 2000
_generation = contextvars.ContextVar("page_cache_generation", default=None)
_local = OrderedDict()  # key -> (generation, expires at, str or pickled value)
_local_lock = threading.Lock()


# A worker reads the generation at most this often (PAGE_CACHE_RECHECK_SECONDS): a request a
# moment after a purge may still get this worker's copies, for at most that long (the purge
# itself is already repeated SECOND_PURGE_AFTER seconds later for requests in flight).
_last_check = [float("-inf"), None]  # when checked, and the generation then (swapped whole)


def _current_generation() -> str:
    now = time.monotonic()
    checked_at, generation = _last_check
    if now - checked_at < settings.PAGE_CACHE_RECHECK_SECONDS:
        return generation
    cache = caches[PAGE_CACHE_ALIAS]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    _last_check[:] = [now, generation]
    return generation


def cached(key: str, compute):
    """Data that public pages share (menus, syllabi, page fragments), kept beside the pages and
    purged with them; computed every time when the page cache is off. Within a request, the
    worker's own copy of the current generation is used first. A value comes back as a fresh
    copy each time (strings excepted, which cannot change), so a caller may change it."""
    if not enabled():
        return compute()
    generation = _generation.get()
    if generation is not None:
        with _local_lock:  # threaded servers (runserver, gthread workers) share the copies
            hit = _local.get(key)
            if hit is not None and hit[0] == generation and hit[1] > time.monotonic():
                _local.move_to_end(key)
            else:
                hit = None
        if hit is not None:
            return hit[2] if isinstance(hit[2], str) else pickle.loads(hit[2])
    cache = caches[PAGE_CACHE_ALIAS]
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is None:
            return None
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    if generation is not None:
        kept = value if isinstance(value, str) else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with _local_lock:
            # Kept no longer than Redis keeps it, so a change that missed its purge (a bulk
            # update sends no signal) ages out here as it does there.
            _local[key] = (generation, time.monotonic() + settings.PAGE_CACHE_SECONDS, kept)
            _local.move_to_end(key)
            while len(_local) > LOCAL_ENTRIES:
                _local.popitem(last=False)
    return value


def _purge_on_content_change(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta and meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT:
        purge()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(purge, dispatch_uid=f"page_cache_{signal}")
    post_save.connect(_purge_on_content_change, dispatch_uid="page_cache_post_save")
    post_delete.connect(_purge_on_content_change, dispatch_uid="page_cache_post_delete")
