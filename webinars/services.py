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
    transaction.on_commit(lambda: _send(render_slide_deck, deck.pk))


def _send(task, *args):
    # A broker outage must not break the editor's save; the periodic re-queue picks it up.
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001 - any broker error
        logger.exception("Could not queue %s%r; it will be re-queued later", task.name, args)


def slide_deck_render(*, deck_id: int) -> SlideDeck | None:
    """Render every page of the deck to images and extract its text, replacing earlier slides.

    Safe to run twice: the deck row is claimed under a lock, and a deck already rendered from
    the same file is left alone. A file pdfium cannot read marks the deck failed with the reason.
    """
    import pypdfium2

    with transaction.atomic():
        deck = SlideDeck.objects.select_for_update().filter(pk=deck_id).first()
        if deck is None or deck.status == SlideDeck.Status.READY:
            return deck
        deck.status = SlideDeck.Status.PROCESSING
        deck.save(update_fields=["status", "updated_at"])

    try:
        with deck.file.open("rb") as handle:
            data = handle.read()
        document = pypdfium2.PdfDocument(data)
        rendered = []
        try:
            for number, page in enumerate(document, start=1):
                rendered.append((number, *_render_page(page)))
                page.close()
        finally:
            document.close()
        if not rendered:
            raise ValueError("the PDF has no pages")
    except Exception as error:  # noqa: BLE001 - any failure is recorded for the editor
        logger.warning("Slide deck %s failed to render: %s", deck_id, error)
        SlideDeck.objects.filter(pk=deck_id).update(
            status=SlideDeck.Status.FAILED,
            error=str(error) or type(error).__name__,
            updated_at=timezone.now(),
        )
        deck.refresh_from_db()
        return deck

    with transaction.atomic():
        deck = SlideDeck.objects.select_for_update().get(pk=deck_id)
        for old in deck.slides.all():
            old.image.delete(save=False)
            old.thumbnail.delete(save=False)
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
        transaction.on_commit(lambda: slide_deck_reindex_users(deck=deck))
    return deck


def _render_page(page):
    """Return ((large WebP bytes, width, height), small WebP bytes, text) of one PDF page."""
    scale = settings.SLIDE_DECK_RENDER_WIDTH / page.get_width()
    image = page.render(scale=scale).to_pil().convert("RGB")
    large = io.BytesIO()
    image.save(large, format="WEBP", quality=80)
    size = image.size
    image.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 2))
    small = io.BytesIO()
    image.save(small, format="WEBP", quality=70)
    textpage = page.get_textpage()
    text = textpage.get_text_bounded().replace("\r\n", "\n").strip()
    textpage.close()
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


def slide_deck_requeue_stale(*, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Queue again the decks left pending or processing (a lost message, a killed worker)."""
    from .tasks import render_slide_deck

    cutoff = timezone.now() - older_than
    stale = SlideDeck.objects.filter(
        status__in=[SlideDeck.Status.PENDING, SlideDeck.Status.PROCESSING], updated_at__lt=cutoff
    ).values_list("pk", flat=True)
    count = 0
    for deck_id in stale:
        SlideDeck.objects.filter(pk=deck_id).update(
            status=SlideDeck.Status.PENDING, updated_at=timezone.now()
        )
        _send(render_slide_deck, deck_id)
        count += 1
    return count
