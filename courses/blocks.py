"""Lesson blocks: a segment of a webinar recording and the slides that follow it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from common.blocks import BaseStreamBlock, TimecodeBlock
from elearning.formatting import format_timecode
from webinars.blocks import RecordingPartChooserBlock


class VideoSegmentBlock(blocks.StructBlock):
    """A stretch of a webinar recording, from `start` to `end`, so one long recording can feed
    several lessons."""

    recording = RecordingPartChooserBlock(label=_("Recording part"))
    start = TimecodeBlock(label=_("Start"), help_text=_("Time in the recording, e.g. 12:30 or 1:02:30."))
    end = TimecodeBlock(label=_("End"), help_text=_("Time in the recording, e.g. 12:30 or 1:02:30."))
    title = blocks.CharBlock(required=False, label=_("Title"))

    class Meta:
        icon = "media"
        template = "components/video_segment_block.html"
        label = _("Video segment")
        description = _("A part of a webinar recording, played from its start to its end time.")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        start, end, recording = value.get("start"), value.get("end"), value.get("recording")
        if start is not None and end is not None and end <= start:
            errors["end"] = ValidationError(_("The end must come after the start."))
        if recording and end is not None and recording.duration_seconds and end > recording.duration_seconds:
            errors["end"] = ValidationError(
                _("The recording is only %(duration)s long.")
                % {"duration": format_timecode(recording.duration_seconds)}
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        recording = value["recording"]
        start, end = value["start"], value["end"]
        # A draft saved half-filled, or a recording part deleted since, is shown as unavailable.
        context["playable"] = bool(recording) and start is not None and end is not None and end > start
        context["recording"] = recording
        if context["playable"]:
            context["chapters"] = [
                {"at": at, "title": title, "label": format_timecode(at - start)}
                for at, title in recording.chapter_list
                if start <= at < end
            ]
            context["length_label"] = format_timecode(end - start)
        return context


class SlideTimecodeBlock(blocks.StructBlock):
    """When, in the recording, a slide comes up."""

    slide = blocks.IntegerBlock(
        min_value=1, label=_("Slide number"), help_text=_("The page of the PDF: 1 is the first page.")
    )
    at = TimecodeBlock(
        label=_("Shown from"),
        help_text=_("Time in the whole recording, not from the start of the segment, e.g. 12:30 or 1:02:30."),
    )

    class Meta:
        icon = "time"
        label = _("Slide timecode")


class SlidesBlock(blocks.StructBlock):
    """A slide deck shown beside the lesson's video; with timecodes it follows the video and a
    click on a slide seeks to it."""

    deck = SnippetChooserBlock("webinars.SlideDeck", label=_("Slide deck"))
    timecodes = blocks.ListBlock(
        SlideTimecodeBlock(),
        required=False,
        default=[],
        label=_("Timecodes"),
        help_text=_("Optional: when each slide comes up in the recording the segment is cut from."),
    )

    class Meta:
        icon = "doc-full"
        template = "components/slides_block.html"
        label = _("Slides")
        description = _("A slide deck, optionally synced to the video by timecodes.")

    def clean(self, value):
        value = super().clean(value)
        deck = value.get("deck")
        if deck and deck.status == deck.Status.FAILED:
            raise StructBlockValidationError(
                block_errors={
                    "deck": ValidationError(
                        _(
                            "This deck could not be rendered (%(error)s). "
                            "Upload the PDF again or choose another."
                        )
                        % {"error": deck.error}
                    )
                }
            )
        if deck and deck.is_ready:
            too_high = [
                t["slide"]
                for t in value["timecodes"]
                if t["slide"] is not None and t["slide"] > deck.page_count
            ]
            if too_high:
                raise StructBlockValidationError(
                    block_errors={
                        "timecodes": ValidationError(
                            _("The deck has %(count)s slides; there is no slide %(number)s.")
                            % {"count": deck.page_count, "number": too_high[0]}
                        )
                    }
                )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        deck = value["deck"]
        times = {}
        for item in value["timecodes"]:
            if item["slide"] is not None and item["at"] is not None:
                times.setdefault(item["slide"], item["at"])
        slides = list(deck.slides.all()) if deck else []
        context["slides"] = [
            {
                "slide": slide,
                "at": times.get(slide.number),
                "at_label": format_timecode(times[slide.number]) if slide.number in times else "",
            }
            for slide in slides
        ]
        context["synced"] = bool(times)
        return context


class LessonStreamBlock(BaseStreamBlock):
    """What a lesson is made of: text, video segments, slides, downloads and callouts."""

    video_segment = VideoSegmentBlock()
    slides = SlidesBlock()
