"""Writes for webinars: slide-deck rendering and its queueing."""

import io
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.search import index

from elearning.celery import send_task_safely

from .models import Slide, SlideDeck

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
        ours.update(
            status=SlideDeck.Status.FAILED,
            error=(str(error) or type(error).__name__)[:2000],
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
