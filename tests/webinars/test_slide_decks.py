"""Slide decks: rendering by the service, and what a bad upload gets."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.sample_pdfs import make_slide_deck_pdf
from tests.factories import make_deck
from webinars.models import Slide, SlideDeck
from webinars.services import slide_deck_render


@pytest.mark.django_db
def test_render_makes_one_slide_per_page_with_text(media_root):
    deck = make_deck(
        "Fundusz sąsiedzki",
        [("Czym jest fundusz", "Małe kwoty dla sąsiadów."), ("Kto decyduje", "Mieszkańcy i urząd gminy.")],
    )
    assert deck.status == SlideDeck.Status.READY
    assert deck.page_count == 3
    slides = list(deck.slides.order_by("number"))
    assert [s.number for s in slides] == [1, 2, 3]
    assert "Małe kwoty dla sąsiadów." in slides[1].text
    assert "Kto decyduje" in slides[2].text
    assert slides[0].width == 1280 and slides[0].height == 720
    for slide in slides:
        assert (media_root / slide.image.name).stat().st_size > 1000
        assert slide.image.name.endswith(".webp")
    assert "Mieszkańcy i urząd gminy." in deck.text


@pytest.mark.django_db
def test_render_twice_keeps_one_set_of_slides():
    deck = make_deck()
    SlideDeck.objects.filter(pk=deck.pk).update(status=SlideDeck.Status.PENDING)
    slide_deck_render(deck_id=deck.pk)
    assert Slide.objects.filter(deck=deck).count() == 3


@pytest.mark.django_db
def test_corrupt_file_marks_the_deck_failed_with_the_reason():
    deck = SlideDeck(title="Uszkodzony")
    deck.file.save("broken.pdf", ContentFile(b"%PDF-1.7\n garbage that is not a pdf"), save=False)
    deck.save()
    deck = slide_deck_render(deck_id=deck.pk)
    assert deck.status == SlideDeck.Status.FAILED
    # pdfium's English ("Failed to load document (PDFium: Data format error).") in the editor's Polish.
    assert deck.error == "dane nie są w formacie PDF albo są uszkodzone"
    assert deck.slides.count() == 0


@pytest.mark.django_db
def test_unknown_deck_is_ignored():
    assert slide_deck_render(deck_id=987654) is None


BAD_UPLOADS = {
    "text-file": ("notatki.txt", b"To nie jest PDF", "This file is not a PDF"),
    "pdf-name-but-image": ("slajdy.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "This file is not a PDF"),
    "truncated-pdf": (
        "slajdy.pdf",
        make_slide_deck_pdf("Tytuł", [])[:400],
        "The PDF is damaged and cannot be opened (the data is not in the PDF format or is damaged)",
    ),
    "empty-file": ("slajdy.pdf", b"", "The submitted file is empty"),
}


@pytest.mark.parametrize("case", BAD_UPLOADS.values(), ids=BAD_UPLOADS.keys())
def test_bad_upload_gets_a_clear_error_and_nothing_is_saved(editor_client, case, settings):
    settings.LANGUAGE_CODE = "en"
    existing = make_deck("Istniejąca talia")
    name, content, message = case
    response = editor_client.post(
        "/admin/snippets/webinars/slidedeck/add/",
        {"title": "Nowa talia", "file": SimpleUploadedFile(name, content, "application/pdf")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(SlideDeck.objects.values_list("title", flat=True)) == ["Istniejąca talia"]
    existing.refresh_from_db()
    assert existing.status == SlideDeck.Status.READY and existing.slides.count() == 3


def test_bad_upload_error_is_in_polish_for_a_polish_editor(editor_client):
    response = editor_client.post(
        "/admin/snippets/webinars/slidedeck/add/",
        {"title": "Nowa talia", "file": SimpleUploadedFile("a.txt", b"tekst", "text/plain")},
    )
    assert response.status_code == 200
    assert "To nie jest plik PDF" in response.content.decode()
