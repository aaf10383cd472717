"""Slide rendering under duplicate deliveries, a new upload mid-render and lost messages."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from demo.sample_pdfs import make_slide_deck_pdf
from tests.factories import make_deck
from webinars import services
from webinars.models import SlideDeck

pytestmark = pytest.mark.django_db


def test_a_deck_another_worker_is_rendering_is_left_alone():
    deck = make_deck(render=False)
    SlideDeck.objects.filter(pk=deck.pk).update(status=SlideDeck.Status.PROCESSING)
    services.slide_deck_render(deck_id=deck.pk)
    deck.refresh_from_db()
    assert deck.status == SlideDeck.Status.PROCESSING
    assert deck.slides.count() == 0


def test_a_new_upload_during_rendering_wins(monkeypatch, django_capture_on_commit_callbacks):
    deck = make_deck("Stara wersja", [("Stary slajd", "Stara treść")], render=False)
    real_render = services._render_document

    def render_while_editor_uploads(rendering_deck):
        result = real_render(rendering_deck)
        # The editor uploads a new PDF while the old one is being rendered.
        fresh = SlideDeck.objects.get(pk=rendering_deck.pk)
        fresh.file.save("nowa.pdf", ContentFile(make_slide_deck_pdf("Nowa", [("Nowy", "Nowa treść")])))
        services.slide_deck_queue_render(deck=fresh)
        return result

    monkeypatch.setattr(services, "_render_document", render_while_editor_uploads)
    services.slide_deck_render(deck_id=deck.pk)
    deck.refresh_from_db()
    assert deck.status == SlideDeck.Status.PENDING  # the old render wrote nothing
    assert deck.slides.count() == 0

    monkeypatch.setattr(services, "_render_document", real_render)
    with django_capture_on_commit_callbacks(execute=False):
        services.slide_deck_render(deck_id=deck.pk)
    deck.refresh_from_db()
    assert deck.status == SlideDeck.Status.READY
    assert "Nowa treść" in deck.text and "Stara treść" not in deck.text


def test_old_slide_files_are_removed_after_a_rerender(media_root, django_capture_on_commit_callbacks):
    deck = make_deck()
    old = [media_root / s.image.name for s in deck.slides.all()]
    assert all(path.exists() for path in old)
    deck.file.save("inna.pdf", ContentFile(make_slide_deck_pdf("Inna", [("A", "B")])))
    services.slide_deck_queue_render(deck=deck)
    with django_capture_on_commit_callbacks(execute=True):
        services.slide_deck_render(deck_id=deck.pk)
    new = {media_root / s.image.name for s in deck.slides.all()}
    assert all(path.exists() for path in new)
    assert not any(path.exists() for path in old if path not in new)


def test_stale_decks_are_requeued_and_fresh_ones_are_not(redis_server):
    stale = make_deck("Zgubiona wiadomość", render=False)
    fresh = make_deck("Świeża", render=False)
    long_ago = timezone.now() - timedelta(minutes=30)
    SlideDeck.objects.filter(pk=stale.pk).update(status=SlideDeck.Status.PROCESSING, updated_at=long_ago)
    assert services.slide_deck_requeue_stale() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == SlideDeck.Status.PENDING and stale.updated_at > long_ago
    assert fresh.status == SlideDeck.Status.PENDING


def test_too_many_pages_fail_with_the_reason(settings):
    settings.SLIDE_DECK_MAX_PAGES = 2
    deck = make_deck("Za długa", [("1", "a"), ("2", "b")], render=False)
    deck = services.slide_deck_render(deck_id=deck.pk)
    assert deck.status == SlideDeck.Status.FAILED
    assert "limit is 2" in deck.error
