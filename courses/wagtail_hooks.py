"""The page editor's help: each quiz question shows only the fields its type uses; a lesson's
slide timecodes number themselves, show their slides and take times from a player."""

import json

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("insert_editor_js")
def quiz_editor_js():
    return format_html('<script src="{}" defer></script>', static("js/quiz_editor.js"))


@hooks.register("insert_editor_js")
def slide_timecodes_js():
    text = {
        "slide": _("Slide %(number)s"),
        "noSuchSlide": _("The deck has %(pages)s slides."),
        "take": _("Take the time from the player"),
        "player": _("The recording, to take slide times from"),
        "playerHelp": _(
            "Play or move to the moment a slide comes up, then press “Take the time from the player” "
            "in its row."
        ),
        "youtube": _(
            "This segment plays a YouTube video, which the editor does not play: type the times "
            "(the whole recording's, as on YouTube)."
        ),
    }
    return format_html(
        '<script src="{}" data-thumbnails-url="{}" data-player-url="{}" data-text="{}" defer></script>',
        static("js/slide_timecodes.js"),
        reverse("slide_deck_thumbnails", args=[0]),
        reverse("recording_part_player", args=[0]),
        json.dumps(text),
    )


@hooks.register("insert_editor_css")
def lesson_editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/lesson_editor.css"))
