"""Sample slide decks as PDF bytes, for the demo content and the tests: the institute's real
PDFs are not available here. Text is drawn with DejaVu Sans so Polish letters survive."""

import io
from pathlib import Path

from reportlab.lib.pagesizes import landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

SLIDE_SIZE = landscape((540, 960))  # 16:9
_FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
_registered = False


def _register_fonts():
    global _registered
    if _registered:
        return
    for directory in _FONT_DIRS:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            _registered = True
            return
    raise RuntimeError(
        "DejaVu fonts are missing: install the Debian package fonts-dejavu-core "
        "(make run and make test do this)."
    )


def make_slide_deck_pdf(title: str, slides: list[tuple[str, str]]) -> bytes:
    """A 16:9 PDF: a title slide, then one slide per (heading, body) pair."""
    _register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=SLIDE_SIZE)
    pdf.setTitle(title)
    width, height = SLIDE_SIZE
    pages = [(title, "Centrum OPUS · Centrum Analiz i Modeli Społecznych")] + list(slides)
    for number, (heading, body) in enumerate(pages, start=1):
        pdf.setFillColorRGB(0.043, 0.247, 0.329)
        pdf.rect(0, height - 110, width, 110, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.setFont("DejaVuSans-Bold", 30 if number == 1 else 26)
        pdf.drawString(48, height - 70, heading[:60])
        pdf.setFillColorRGB(0.1, 0.12, 0.14)
        pdf.setFont("DejaVuSans", 22)
        y = height - 170
        for line in _wrap(body, 64):
            pdf.drawString(48, y, line)
            y -= 34
        pdf.setFont("DejaVuSans", 14)
        pdf.drawRightString(width - 36, 24, str(number))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines
