"""An editor uploads a PDF deck; a real Celery worker on a real Redis renders it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.sample_pdfs import make_slide_deck_pdf
from tests.services import wait_for
from webinars.models import SlideDeck

pytestmark = pytest.mark.worker


def test_uploaded_deck_is_rendered_by_a_celery_worker(celery_worker, editor_client, media_root):
    slides = [(f"Etap {n}", f"Opis etapu numer {n}: ankieta, próba, wyniki.") for n in range(1, 6)]
    pdf = make_slide_deck_pdf("Narzędziownik – krok po kroku", slides)

    response = editor_client.post(
        "/admin/snippets/webinars/slidedeck/add/",
        {"title": "Narzędziownik", "file": SimpleUploadedFile("narzedziownik.pdf", pdf, "application/pdf")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    deck = SlideDeck.objects.get(title="Narzędziownik")

    def rendered():
        deck.refresh_from_db()
        return deck.status in (SlideDeck.Status.READY, SlideDeck.Status.FAILED)

    wait_for(rendered, timeout=60, message=f"the worker to render the deck\n{celery_worker.output()}")
    assert deck.status == SlideDeck.Status.READY, deck.error
    assert deck.page_count == 6
    slides_saved = list(deck.slides.order_by("number"))
    assert len(slides_saved) == 6
    for number, slide in enumerate(slides_saved[1:], start=1):
        assert f"Opis etapu numer {number}" in slide.text
        assert (media_root / slide.image.name).is_file()
        assert (media_root / slide.thumbnail.name).is_file()
    assert "render_slide_deck" in celery_worker.output()

    # The admin shows the state to the editor.
    edit = editor_client.get(f"/admin/snippets/webinars/slidedeck/edit/{deck.pk}/")
    assert 'data-slide-deck-state="ready"' in edit.content.decode()
    listing = editor_client.get("/admin/snippets/webinars/slidedeck/")
    assert "Narzędziownik" in listing.content.decode()


def test_a_corrupt_deck_fails_in_the_worker_and_the_admin_says_why(celery_worker, editor_client):
    from django.core.files.base import ContentFile

    from webinars.services import slide_deck_queue_render

    deck = SlideDeck(title="Zepsuty plik")
    deck.file.save("zepsuty.pdf", ContentFile(b"%PDF-1.4\nthis is not really a PDF"), save=False)
    deck.save()
    from django.db import transaction

    with transaction.atomic():
        slide_deck_queue_render(deck=deck)

    def settled():
        deck.refresh_from_db()
        return deck.status == SlideDeck.Status.FAILED

    wait_for(settled, timeout=60, message=f"the deck to fail\n{celery_worker.output()}")
    assert deck.error
    edit = editor_client.get(f"/admin/snippets/webinars/slidedeck/edit/{deck.pk}/")
    page = edit.content.decode()
    assert 'data-slide-deck-state="failed"' in page
    assert deck.error in page or deck.error.replace("'", "&#x27;") in page
