"""Storage for files that must not be public."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no web server or /media/ view
    serves them; views hand them out after checking who asks. The location is read from the
    settings on each use, so tests can point it at a temporary folder."""

    @property
    def base_location(self):
        return os.fspath(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


private_storage = PrivateStorage()


def private_file_response(field_file, *, filename: str, content_type: str):
    """A private file, for a view that has checked who asks: handed to the proxy to send
    (`X-Accel-Redirect` to PRIVATE_MEDIA_ACCEL_REDIRECT + its name, nginx's internal location;
    the worker is free at once) when that is set, else streamed by Django."""
    from urllib.parse import quote

    from django.http import FileResponse, HttpResponse
    from django.utils.http import content_disposition_header

    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_REDIRECT", "")
    if not prefix:
        return FileResponse(
            field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
