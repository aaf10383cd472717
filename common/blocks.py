"""StreamField blocks shared by every page type; app blocks extend `BaseStreamBlock`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from elearning.formatting import format_timecode, parse_timecode


class TimecodeField(forms.Field):
    """A form field that accepts `ss`, `mm:ss` or `h:mm:ss` and cleans to whole seconds."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"placeholder": "12:30", "size": 10, "maxlength": 12})

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_timecode(value)
        return value

    def to_python(self, value):
        if isinstance(value, int):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_timecode(value)
        except ValueError:
            raise ValidationError(
                _("Enter a time as seconds, mm:ss or h:mm:ss, e.g. 12:30."), code="invalid"
            ) from None


class TimecodeBlock(blocks.FieldBlock):
    """A point in a recording, edited as h:mm:ss and stored as whole seconds."""

    def __init__(self, required=True, help_text=None, **kwargs):
        self.field = TimecodeField(required=required, help_text=help_text)
        super().__init__(**kwargs)

    def to_python(self, value):
        return None if value in (None, "") else int(value)

    def get_prep_value(self, value):
        return value

    def value_for_form(self, value):
        # Seconds become h:mm:ss for the widget; text the editor typed is shown back unchanged.
        if isinstance(value, int):
            return format_timecode(value)
        return value or ""

    def value_from_form(self, value):
        if isinstance(value, str):
            try:
                return parse_timecode(value)
            except ValueError:
                return value or None  # left for clean() to report
        return value

    class Meta:
        icon = "time"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a tip, a warning or a key idea."""

    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="info",
        label=_("Kind"),
    )
    title = blocks.CharBlock(required=False, label=_("Title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("Text"))

    class Meta:
        icon = "help"
        template = "components/callout_block.html"
        label = _("Callout")
        description = _("A highlighted box with a tip, a warning or a key idea.")
        preview_value = {"kind": "tip", "title": "Wskazówka", "text": "<p>Zacznij od małych kwot.</p>"}


class DownloadsBlock(blocks.StructBlock):
    """A list of documents to download, with an optional heading."""

    title = blocks.CharBlock(required=False, label=_("Heading"))
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documents"))

    class Meta:
        icon = "download"
        template = "components/downloads_block.html"
        label = _("Downloads")
        description = _("Documents the learner can download.")


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body can use."""

    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        template="components/heading_block.html",
        label=_("Heading"),
    )
    text = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"],
        label=_("Text"),
    )
    callout = CalloutBlock()
    downloads = DownloadsBlock()
