"""Infrastructure endpoints: range-capable media serving and the health check."""

import logging
import mimetypes
import os
import re
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
PRIVATE_MEDIA_PREFIXES = ("documents/",)


def _read_range(path, start, end, chunk_size=64 * 1024):
    """Yield the bytes from `start` to `end` inclusive, a chunk at a time."""
    with open(path, "rb") as handle:
        handle.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = handle.read(min(chunk_size, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


@require_safe
def serve_media(request, path):
    """Serve an uploaded file and honour a single HTTP Range, so browsers can seek in videos.

    Django's own static serving answers 200 to Range requests, which makes a video seek snap
    back to the start. In production the proxy or object storage serves /media/ instead.
    """
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full_path = (root / path).resolve()
        is_file = full_path.is_file()
    except (ValueError, OSError):  # a NUL byte or an over-long name
        raise Http404(_("File not found.")) from None
    relative = full_path.relative_to(root).as_posix() if root in full_path.parents else ""
    # Documents go through Wagtail's /documents/ view, which applies collection privacy.
    if not is_file or not relative or relative.startswith(PRIVATE_MEDIA_PREFIXES):
        raise Http404(_("File not found."))
    size = full_path.stat().st_size
    content_type = mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if match and (match.group(1) or match.group(2)):
        first, last = match.groups()
        if first:
            start, end = int(first), int(last) if last else size - 1
        else:  # a suffix range: the last N bytes
            start, end = max(size - int(last), 0), size - 1
        end = min(end, size - 1)
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        response = StreamingHttpResponse(
            _read_range(full_path, start, end), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        # FileResponse closes the file when the response is done.
        response = FileResponse(open(full_path, "rb"), content_type=content_type)  # noqa: SIM115
    response["Accept-Ranges"] = "bytes"
    response["Content-Length"] = str(end - start + 1) if response.status_code == 206 else str(size)
    response["Last-Modified"] = http_date(os.path.getmtime(full_path))
    return response


@require_safe
def healthz(request):
    """ "ok" with no database or template work: for load balancers' health checks, and the
    ceiling that the load benchmark compares every page with."""
    return HttpResponse("ok", content_type="text/plain")


logger = logging.getLogger(__name__)


def _redis(url):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _ping(url):
    client = _redis(url)
    try:
        client.ping()
    finally:
        client.close()


def _queue_length(url):
    """Tasks waiting in Celery's default queue (a Redis list named "celery")."""
    client = _redis(url)
    try:
        return client.llen("celery")
    finally:
        client.close()


@never_cache
@require_safe
def readiness(request):
    """For monitoring: what the site depends on, each asked once with a short timeout: the
    database, the Redis of the cache, sessions' notes and rate limits, the page cache's Redis, and
    the Celery broker with the length of its queue. 200 when every one answers, 503 when one
    does not. It names the parts only; what went wrong goes to the log, not to the visitor."""
    checks = {
        "database": _database,
        "cache": lambda: _ping(settings.CACHES["default"]["LOCATION"]),
        "page_cache": lambda: _ping(settings.CACHES["pages"]["LOCATION"]),
        "broker": lambda: _ping(settings.CELERY_BROKER_URL),
    }
    answer = {}
    for name, check in checks.items():
        try:
            check()
            answer[name] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure is a failing part
            logger.warning("Readiness: %s failed: %s", name, error)
            answer[name] = "failing"
    if answer["broker"] == "ok":
        try:
            answer["queue_length"] = _queue_length(settings.CELERY_BROKER_URL)
        except Exception as error:  # noqa: BLE001
            logger.warning("Readiness: the queue's length could not be read: %s", error)
    healthy = all(answer[name] == "ok" for name in checks)
    return JsonResponse({"status": "ok" if healthy else "failing", **answer}, status=200 if healthy else 503)


def server_error(request):
    """handler500. A database that cannot be reached (restarting, failing over, out of
    connections) is a passing outage, not a bug: 503 with Retry-After and a page that says so,
    so that learners try again and monitoring tells it from an error in the code. The pages
    are static: rendering them asks nothing of the database."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader
    from django.views import defaults

    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "10"
        return response
    return defaults.server_error(request)
