"""Checks on files editors upload: the type is read from the file's first bytes, not trusted
from its name, and PDFs are opened once so a corrupt deck is refused at upload."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# File signatures of the video containers browsers play.
_VIDEO_SIGNATURES = {
    ".webm": lambda head: head.startswith(b"\x1a\x45\xdf\xa3"),
    ".mp4": lambda head: head[4:8] == b"ftyp",
    ".m4v": lambda head: head[4:8] == b"ftyp",
    ".ogv": lambda head: head.startswith(b"OggS"),
}


def _read_head(upload, size=64):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _check_size(upload, limit):
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def pdf_error_reason(error) -> str:
    """What pdfium's error means, in the editor's language (pdfium says it in English only)."""
    import pypdfium2.raw as pdfium_c

    reasons = {
        pdfium_c.FPDF_ERR_FILE: _("the file could not be read"),
        pdfium_c.FPDF_ERR_FORMAT: _("the data is not in the PDF format or is damaged"),
        pdfium_c.FPDF_ERR_PASSWORD: _("the file is protected by a password"),
        pdfium_c.FPDF_ERR_SECURITY: _("the file's security settings do not allow opening it"),
        pdfium_c.FPDF_ERR_PAGE: _("a page is missing or its content is damaged"),
    }
    return str(reasons.get(getattr(error, "err_code", None), _("unknown error")))


def validate_pdf(upload):
    """Accept only a PDF that pdfium can open; say plainly what is wrong otherwise."""
    import pypdfium2

    _check_size(upload, settings.SLIDE_DECK_MAX_UPLOAD_SIZE)
    if not upload.name.lower().endswith(".pdf") or not _read_head(upload, 5) == b"%PDF-":
        raise ValidationError(
            _("This file is not a PDF. Upload the slide deck as a PDF file."), code="not_pdf"
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        document = pypdfium2.PdfDocument(data)
        pages = len(document)
        document.close()
    except pypdfium2.PdfiumError as error:
        raise ValidationError(
            _("The PDF is damaged and cannot be opened (%(reason)s). Export it again and re-upload.")
            % {"reason": pdf_error_reason(error)},
            code="corrupt_pdf",
        ) from None
    if pages == 0:
        raise ValidationError(_("The PDF has no pages."), code="empty_pdf")
    if pages > settings.SLIDE_DECK_MAX_PAGES:
        raise ValidationError(
            _("The PDF has %(pages)s pages; a slide deck can have at most %(limit)s.")
            % {"pages": pages, "limit": settings.SLIDE_DECK_MAX_PAGES},
            code="too_many_pages",
        )


def validate_video(upload):
    """Accept WebM, MP4 and Ogg video whose first bytes match the extension."""
    _check_size(upload, settings.VIDEO_MAX_UPLOAD_SIZE)
    name = upload.name.lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    check = _VIDEO_SIGNATURES.get(extension)
    if check is None or not check(_read_head(upload)):
        raise ValidationError(_("Upload a video file in WebM, MP4 or Ogg format."), code="not_video")


def validate_vtt(upload):
    """Accept a WebVTT captions file."""
    _check_size(upload, 5 * 1024 * 1024)
    head = _read_head(upload, 10).lstrip(b"\xef\xbb\xbf")
    if not upload.name.lower().endswith(".vtt") or not head.startswith(b"WEBVTT"):
        raise ValidationError(_("Upload captions as a WebVTT (.vtt) file."), code="not_vtt")
