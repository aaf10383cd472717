"""Writes for webinars: slide-deck rendering and its queueing; reading recording files (duration,
poster) and removing the files nothing uses."""

import io
import json
import logging
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.search import index

from elearning import page_cache
from elearning.celery import send_task_safely

from .models import Slide, SlideDeck
from .validators import pdf_error_reason

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 320


def slide_deck_queue_render(*, deck: SlideDeck) -> None:
    """Mark the deck pending and render it in a Celery worker once this transaction commits."""
    from .tasks import render_slide_deck

    SlideDeck.objects.filter(pk=deck.pk).update(
        status=SlideDeck.Status.PENDING, error="", updated_at=timezone.now()
    )
    deck.status = SlideDeck.Status.PENDING
    transaction.on_commit(lambda: send_task_safely(render_slide_deck, deck.pk))


def slide_deck_render(*, deck_id: int) -> SlideDeck | None:
    """Render every page of the deck to images and extract its text, replacing earlier slides.

    Safe under retries, duplicate deliveries and a new upload mid-render: a task claims the deck
    by moving it from pending to processing in one UPDATE, and writes its slides only if the deck
    still holds the file it rendered. Any failure marks the deck failed with the reason.
    """
    deck = SlideDeck.objects.filter(pk=deck_id).first()
    if deck is None:
        return None
    file_name = deck.file.name
    claimed = SlideDeck.objects.filter(pk=deck_id, status=SlideDeck.Status.PENDING, file=file_name).update(
        status=SlideDeck.Status.PROCESSING, error="", updated_at=timezone.now()
    )
    if not claimed:  # ready, failed, another worker on it, or a newer file came in
        return deck
    ours = SlideDeck.objects.filter(pk=deck_id, status=SlideDeck.Status.PROCESSING, file=file_name)

    try:
        rendered = _render_document(deck)
        with transaction.atomic():
            locked = ours.select_for_update().first()
            if locked is None:  # replaced while we rendered: the newer task renders that file
                return SlideDeck.objects.filter(pk=deck_id).first()
            _replace_slides(locked, rendered)
            transaction.on_commit(lambda: slide_deck_reindex_users(deck=locked))
    except Exception as error:  # noqa: BLE001 - any failure is recorded for the editor
        logger.warning("Slide deck %s failed to render: %s", deck_id, error)
        reason = pdf_error_reason(error) if type(error).__name__ == "PdfiumError" else str(error)
        ours.update(
            status=SlideDeck.Status.FAILED,
            error=(reason or type(error).__name__)[:2000],
            updated_at=timezone.now(),
        )
        return SlideDeck.objects.filter(pk=deck_id).first()
    return locked


def _render_document(deck):
    """Render every page of the deck's PDF; return [(number, (large, w, h), small, text)]."""
    import pypdfium2

    with deck.file.open("rb") as handle:
        data = handle.read()
    document = pypdfium2.PdfDocument(data)
    try:
        pages = len(document)
        if pages == 0:
            raise ValueError("the PDF has no pages")
        if pages > settings.SLIDE_DECK_MAX_PAGES:
            raise ValueError(f"the PDF has {pages} pages; the limit is {settings.SLIDE_DECK_MAX_PAGES}")
        rendered = []
        for number, page in enumerate(document, start=1):
            try:
                rendered.append((number, *_render_page(page)))
            finally:
                page.close()
        return rendered
    finally:
        document.close()


def _replace_slides(deck, rendered):
    """Swap the deck's slides for the freshly rendered ones, inside the caller's transaction;
    the old image files are deleted only once that transaction has committed."""
    old_files = [name for slide in deck.slides.all() for name in (slide.image.name, slide.thumbnail.name)]
    deck.slides.all().delete()
    for number, (large, width, height), small, text in rendered:
        slide = Slide(deck=deck, number=number, text=text, width=width, height=height)
        slide.image.save(f"{deck.pk}-{number}.webp", ContentFile(large), save=False)
        slide.thumbnail.save(f"{deck.pk}-{number}-small.webp", ContentFile(small), save=False)
        slide.save()
    deck.page_count = len(rendered)
    deck.text = "\n\n".join(item[3] for item in rendered)
    deck.status = SlideDeck.Status.READY
    deck.error = ""
    deck.rendered_at = timezone.now()
    deck.save()
    storage = Slide._meta.get_field("image").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in old_files if name])


def _render_page(page):
    """Return ((large WebP bytes, width, height), small WebP bytes, text) of one PDF page."""
    width, height = page.get_width(), page.get_height()
    # Fit the slide to the render width, and keep odd page shapes (a long strip) bounded.
    scale = min(settings.SLIDE_DECK_RENDER_WIDTH / width, 2 * settings.SLIDE_DECK_RENDER_WIDTH / height)
    image = page.render(scale=scale).to_pil().convert("RGB")
    large = io.BytesIO()
    image.save(large, format="WEBP", quality=80)
    size = image.size
    image.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 2))
    small = io.BytesIO()
    image.save(small, format="WEBP", quality=70)
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_bounded()
    finally:
        textpage.close()
    # PostgreSQL text cannot hold NUL; PDFs with broken character maps sometimes produce it.
    text = text.replace("\x00", "").replace("\r\n", "\n").strip()
    return (large.getvalue(), *size), small.getvalue(), text


def slide_deck_reindex_users(*, deck: SlideDeck) -> None:
    """Re-index the pages that show this deck, so search finds them by the slides' text."""
    from wagtail.models import Page

    page_ids = {
        int(ref.object_id)
        for ref in ReferenceIndex.get_references_to(deck)
        if ref.base_content_type.model_class() and issubclass(ref.base_content_type.model_class(), Page)
    }
    for page in Page.objects.filter(pk__in=page_ids).specific():
        index.insert_or_update_object(page)


def slide_deck_requeue_stale(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again the decks left pending or processing for longer than a render may take (the
    task's hard time limit is shorter): a lost message, a killed worker, a Redis outage."""
    from .tasks import render_slide_deck

    cutoff = timezone.now() - older_than
    stale = SlideDeck.objects.filter(
        status__in=[SlideDeck.Status.PENDING, SlideDeck.Status.PROCESSING], updated_at__lt=cutoff
    )
    count = 0
    for deck_id in stale.values_list("pk", flat=True):
        if stale.filter(pk=deck_id).update(status=SlideDeck.Status.PENDING, updated_at=timezone.now()):
            send_task_safely(render_slide_deck, deck_id)
            count += 1
    return count


# Recording files (the media library) ---------------------------------------------------------

PROBE_TIMEOUT_SECONDS = 120
POSTER_WIDTH = 1280


def recording_file_queue_probe(*, recording_file_id: int) -> None:
    """Read the duration and poster of a recording file in a Celery worker once this
    transaction commits."""
    from .tasks import probe_recording_file

    transaction.on_commit(lambda: send_task_safely(probe_recording_file, recording_file_id))


def on_recording_file_saved(sender, instance, **kwargs):
    if instance.file and instance.file.name != instance.probed_file:
        recording_file_queue_probe(recording_file_id=instance.pk)


@contextmanager
def _local_path(field_file):
    """A path on this machine for the stored file (the file itself on local storage, a
    temporary copy from object storage)."""
    try:
        yield field_file.path
    except NotImplementedError:
        suffix = os.path.splitext(field_file.name)[1]
        with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
            with field_file.open("rb") as source:
                shutil.copyfileobj(source, copy, 1024 * 1024)
            copy.flush()
            yield copy.name


def _ffprobe(path) -> dict:
    output = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
        capture_output=True,
        check=True,
        timeout=PROBE_TIMEOUT_SECONDS,
    ).stdout
    info = json.loads(output)
    video = next((s for s in info.get("streams", []) if s.get("codec_type") == "video"), None)
    if video is None:
        raise ValueError("the file has no video stream")
    duration = float(info.get("format", {}).get("duration") or video.get("duration") or 0)
    if duration <= 0:
        raise ValueError("the file does not say how long it is")
    return {"duration": round(duration, 3), "width": video.get("width"), "height": video.get("height")}


def _poster(path, duration) -> bytes:
    """A JPEG of the frame a tenth of the way in (at most 5 s in), POSTER_WIDTH wide at most."""
    at = min(5.0, duration / 10)
    return subprocess.run(
        [
            "ffmpeg", "-v", "error", "-ss", f"{at:.2f}", "-i", path, "-frames:v", "1",
            "-vf", f"scale='min({POSTER_WIDTH},iw)':-2",
            "-f", "image2", "-c:v", "mjpeg", "-q:v", "4", "pipe:1",
        ],
        capture_output=True,
        check=True,
        timeout=PROBE_TIMEOUT_SECONDS,
    ).stdout  # fmt: skip


def recording_file_probe(*, recording_file_id: int):
    """Read the file's duration and size with ffprobe and, unless the editor gave one, take a
    poster frame with ffmpeg. Recorded only if the file is still the one read (a new upload
    meanwhile is read by its own task); a file that cannot be read is recorded with the reason,
    shown in the media library, and not tried again."""
    from .models import RecordingFile

    recording = RecordingFile.objects.filter(pk=recording_file_id).first()
    if recording is None or not recording.file or recording.probed:
        return recording
    name = recording.file.name
    same_file = RecordingFile.objects.filter(pk=recording_file_id, file=name)
    poster_name = ""
    try:
        with _local_path(recording.file) as path:
            facts = _ffprobe(path)
            if not recording.thumbnail or recording.poster_generated:
                poster = _poster(path, facts["duration"])
                if poster:
                    stem = os.path.splitext(os.path.basename(name))[0]
                    poster_name = recording.thumbnail.storage.save(
                        f"media_thumbnails/{stem}.jpg", ContentFile(poster)
                    )
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        logger.warning("Recording file %s could not be read: %s", recording_file_id, error)
        same_file.update(probed_file=name, probe_error=str(error)[:2000])
        return RecordingFile.objects.filter(pk=recording_file_id).first()
    with transaction.atomic():
        changes = {**facts, "probed_file": name, "probe_error": ""}
        if poster_name:
            changes.update(thumbnail=poster_name, poster_generated=True)
        if not same_file.update(**changes) and poster_name:
            recording.thumbnail.storage.delete(poster_name)  # replaced while we read it
        elif poster_name and recording.poster_generated and recording.thumbnail.name != poster_name:
            old_poster = recording.thumbnail.name  # the poster of the file this one replaced
            transaction.on_commit(lambda: recording.thumbnail.storage.delete(old_poster))
        page_cache.purge()  # pages show its duration and poster
    return RecordingFile.objects.filter(pk=recording_file_id).first()


def recording_files_requeue_unprobed(*, older_than: int = 300) -> int:
    """Queue again the files not read yet this long after their upload (a lost message, a
    worker that died): a periodic task."""
    from .models import RecordingFile
    from .tasks import probe_recording_file

    cutoff = timezone.now() - timedelta(seconds=older_than)
    unread = (
        RecordingFile.objects.filter(created_at__lte=cutoff).exclude(file="").exclude(probed_file=F("file"))
    )
    waiting = list(unread.values_list("pk", flat=True))
    for pk in waiting:
        send_task_safely(probe_recording_file, pk)
    return len(waiting)


# Folders of uploaded recordings and their posters: the media library's, and the one recording
# parts used before the library.
RECORDING_FOLDERS = ("media", "media_thumbnails", "recordings")


def recording_files_remove_orphans(*, older_than: int = 24 * 3600) -> int:
    """Delete files in the recording folders that no recording file names any more (replaced
    by a new upload, or left by an upload that never became a library item), once they are a
    day old. Returns how many were deleted."""
    from django.apps import apps

    from .models import RecordingFile

    kept = set()
    for model in {RecordingFile, apps.get_model("wagtailmedia", "Media")}:
        for file_name, thumbnail in model.objects.values_list("file", "thumbnail"):
            kept.update(name for name in (file_name, thumbnail) if name)
    storage = default_storage
    cutoff = timezone.now() - timedelta(seconds=older_than)
    deleted = 0
    for folder in RECORDING_FOLDERS:
        try:
            _dirs, files = storage.listdir(folder)
        except (FileNotFoundError, NotImplementedError):
            continue
        for file_name in files:
            name = f"{folder}/{file_name}"
            if name in kept or storage.get_modified_time(name) > cutoff:
                continue
            storage.delete(name)
            deleted += 1
    if deleted:
        logger.info("Removed %s recording files that nothing uses", deleted)
    return deleted
