"""Admin registration: speakers and slide decks as snippets, the recording-part chooser."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from elearning.paginator import CountedSnippetIndexView

from .models import SlideDeck, Speaker
from .views import (
    SlideDeckChooserViewSet,
    SlideDeckCreateView,
    SlideDeckEditView,
    SlideDeckIndexView,
    recording_file_delete,
    recording_part_chooser_viewset,
    recording_part_player,
    slide_deck_states,
    slide_deck_thumbnails,
)


@hooks.register("insert_global_admin_js")
def upload_progress_js():
    """The media library's upload form shows the progress of a large recording's upload."""
    return format_html('<script src="{}" defer></script>', static("js/upload_progress.js"))


@hooks.register("insert_global_admin_js")
def deck_states_js():
    """The slide deck list refreshes the rendering state of decks still being rendered."""
    return format_html(
        '<script src="{}" data-states-url="{}" defer></script>',
        static("js/deck_states.js"),
        reverse("slide_deck_states"),
    )


@hooks.register("register_admin_urls")
def deck_states_url():
    return [
        path("slide-decks/states/", slide_deck_states, name="slide_deck_states"),
        path("slide-decks/<int:deck_id>/thumbnails/", slide_deck_thumbnails, name="slide_deck_thumbnails"),
        path("recording-parts/<int:part_id>/player/", recording_part_player, name="recording_part_player"),
    ]


@hooks.register("register_admin_urls", order=-1)
def recording_file_delete_url():
    """Our delete view for recording files, in front of wagtailmedia's (registered before it, at the
    same address, so the media library's own links lead here): it refuses while a page uses the file."""
    return [path("media/delete/<int:media_id>/", recording_file_delete, name="recording_file_delete")]


@hooks.register("register_admin_viewset")
def register_recording_part_chooser():
    return recording_part_chooser_viewset


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    index_view_class = CountedSnippetIndexView
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "affiliation"]
    search_fields = ["name", "affiliation"]
    add_to_admin_menu = False


class DeckStateColumn(Column):
    """A deck's rendering state, which the list refreshes by itself (static/js/deck_states.js)."""

    cell_template_name = "webinars/admin/deck_state_cell.html"


class SlideDeckViewSet(SnippetViewSet):
    model = SlideDeck
    icon = "doc-full"
    menu_label = _("Slide decks")
    index_view_class = SlideDeckIndexView
    add_view_class = SlideDeckCreateView
    chooser_viewset_class = SlideDeckChooserViewSet
    edit_view_class = SlideDeckEditView
    list_display = [
        "title",
        DeckStateColumn("get_status_display", label=_("State"), sort_key="status"),
        "page_count",
        "error",
        "updated_at",
    ]
    list_filter = ["status"]
    search_fields = ["title"]


register_snippet(SpeakerViewSet)
register_snippet(SlideDeckViewSet)
