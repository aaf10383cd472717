"""Where uploaded and generated files live: on this machine (the default) or on object storage
through django-storages' S3 backend, chosen by environment variables (settings.file_storages).

Two storages: "default" for public media (images, recordings, posters, slide decks and their
slide images, documents), and "private" for files only their owners may see (certificate PDFs),
which no public address ever serves: views check who asks, then hand the file out."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no web server or /media/ view
    serves them. The location is read from the settings on each use, so tests can point it at
    a temporary folder."""

    @property
    def base_location(self):
        return os.fspath(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


class PrivateFiles(LazyObject):
    """STORAGES["private"], looked up when first used and again after the setting changes (as
    Django's own `default_storage` is)."""

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateFiles()


def get_private_storage():
    """For `FileField(storage=...)`: a callable, so migrations name it rather than the backend
    that this machine's environment chose."""
    return private_storage


@receiver(setting_changed)
def _private_storage_changed(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        private_storage._wrapped = empty


def storage_errors() -> tuple:
    """What a storage can raise when it is unavailable for a while (a full or missing folder,
    object storage unreachable, throttling or failing): worth retrying."""
    from botocore.exceptions import BotoCoreError, ClientError

    return (OSError, BotoCoreError, ClientError)


def is_local(storage) -> bool:
    try:
        storage.path("")
    except NotImplementedError:
        return False
    return True


def private_file_response(field_file, *, filename: str, content_type: str):
    """A private file, for a view that has checked who asks.

    - On object storage: a redirect to a signed address that lasts a few minutes
      (AWS_PRIVATE_URL_EXPIRE) and names the download; the file never passes through Django.
    - Behind the shipped proxy: `X-Accel-Redirect` to PRIVATE_MEDIA_ACCEL_REDIRECT + its name,
      nginx's internal location; the worker is free at once.
    - Otherwise streamed by Django."""
    from urllib.parse import quote

    from django.http import FileResponse, HttpResponse, HttpResponseRedirect
    from django.utils.http import content_disposition_header

    disposition = content_disposition_header(True, filename)
    if not is_local(field_file.storage):
        url = field_file.storage.url(
            field_file.name,
            parameters={"ResponseContentDisposition": disposition, "ResponseContentType": content_type},
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response
    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_REDIRECT", "")
    if not prefix:
        return FileResponse(
            field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
    response["Content-Disposition"] = disposition
    return response
