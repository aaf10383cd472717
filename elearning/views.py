"""Infrastructure endpoints: range-capable media serving and the health check."""

import mimetypes
import os
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
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
