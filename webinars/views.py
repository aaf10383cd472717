"""Admin views of the webinars app: the chooser lessons use to pick a recording part, the
slide-deck create/edit views that queue rendering, the decks' rendering states as JSON, and the
recording file's delete view that refuses while webinars play the file."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import permission_denied
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView
from wagtailmedia.permissions import permission_policy as media_permission_policy

from elearning.paginator import CountedListingMixin

from .models import RecordingFile, RecordingPart, SlideDeck, WebinarPage


class RecordingPartChooserViewSet(ChooserViewSet):
    """Lets editors pick one part of a webinar recording for a lesson's video segment."""

    model = "webinars.RecordingPart"
    icon = "media"
    choose_one_text = _("Choose a recording part")
    choose_another_text = _("Choose another recording part")
    edit_item_text = _("Edit webinar")
    per_page = 30

    def get_object_list(self):
        # Called with the viewset as `self`; `model` is still the string here.
        model = resolve_model_string(self.model)
        return model.objects.select_related("page").order_by("-page__date", "page__title", "sort_order")


recording_part_chooser_viewset = RecordingPartChooserViewSet("recording_part_chooser")


class SlideDeckChooserViewSet(SnippetChooserViewSet):
    """The deck chooser, with wording that reads well in Polish ("Wybierz prezentację")."""

    choose_one_text = _("Choose a slide deck")
    choose_another_text = _("Choose another slide deck")
    page_title = _("Choose a slide deck")


class SlideDeckIndexView(CountedListingMixin, IndexView):
    """The deck list, with its "add" button in grammatical Polish ("Dodaj prezentację", not
    Wagtail's "Dodaj prezentacja" built from the model's name)."""

    @cached_property
    def add_item_label(self):
        return _("Add a slide deck")


class SlideDeckCreateView(CreateView):
    def get_success_message(self, instance=None):
        deck = instance or self.object
        return _("Slide deck “%(object)s” added; its slides are being made.") % {"object": deck}

    def save_instance(self):
        from .services import slide_deck_queue_render

        deck = super().save_instance()
        slide_deck_queue_render(deck=deck)
        return deck


class SlideDeckEditView(EditView):
    def get_success_message(self, instance=None):
        return _("Slide deck “%(object)s” saved.") % {"object": instance or self.object}

    def save_instance(self):
        from .services import slide_deck_queue_render

        deck = super().save_instance()
        if "file" in self.form.changed_data:
            slide_deck_queue_render(deck=deck)
        return deck


@require_GET
def slide_deck_states(request):
    """The rendering state of the decks named by `id` (JSON), for the deck list to refresh by
    itself: {id: {"state", "label", "pages", "error"}}. Only for those who may see decks."""
    if not request.user.has_perm("webinars.view_slidedeck"):
        return JsonResponse({"error": _("You may not see slide decks.")}, status=403)
    ids = [int(value) for value in request.GET.getlist("id")[:100] if value.isdigit() and len(value) < 19]
    decks = SlideDeck.objects.filter(pk__in=ids).only("status", "page_count", "error")
    return JsonResponse(
        {
            str(deck.pk): {
                "state": deck.status,
                "label": str(deck.get_status_display()),
                "pages": deck.page_count,
                "error": deck.error,
            }
            for deck in decks
        }
    )


def recording_file_delete(request, media_id):
    """The media library's delete, which refuses while a page uses the file: the webinar's recording
    parts would lose their video and every lesson cut from them its player. The page lists who uses
    it, with links, so the editor can choose another file there first."""
    recording = get_object_or_404(RecordingFile, pk=media_id)
    if not media_permission_policy.user_has_permission_for_instance(request.user, "delete", recording):
        return permission_denied(request)
    finder = AdminURLFinder(request.user)
    # Wagtail's reference index and the parts themselves see what pages hold now; a live page's
    # draft names its parts only in its latest revision, looked at too.
    entities = [entity for entity, _references in recording.get_usage()]
    entities += [part.page for part in RecordingPart.objects.filter(video=recording).select_related("page")]
    drafts = WebinarPage.objects.filter(has_unpublished_changes=True).select_related("latest_revision")
    for page in drafts:
        parts = (page.latest_revision.content if page.latest_revision else {}).get("recordings", [])
        if any(str(part.get("video")) == str(recording.pk) for part in parts):
            entities.append(page)
    by_key = {
        ("page" if isinstance(entity, Page) else entity._meta.label, entity.pk): entity for entity in entities
    }
    users = [(entity, finder.get_edit_url(entity)) for entity in by_key.values()]
    status = 200
    if request.method == "POST":
        if not users:
            title = recording.title
            recording.delete()
            messages.success(request, _("Recording file “%(title)s” deleted.") % {"title": title})
            return redirect("wagtailmedia:index")
        messages.error(request, _("This recording file is in use and was not deleted."))
        status = 409
    return TemplateResponse(
        request,
        "webinars/admin/recording_file_delete.html",
        {"media": recording, "users": users},
        status=status,
    )


@require_GET
def slide_deck_thumbnails(request, deck_id):
    """A deck's slide thumbnails (JSON), for the slide timecodes in the lesson editor to show each
    slide beside its time: {"state", "pages", "thumbnails": {number: url}}."""
    if not request.user.has_perm("webinars.view_slidedeck"):
        return JsonResponse({"error": _("You may not see slide decks.")}, status=403)
    deck = get_object_or_404(SlideDeck.objects.only("status", "page_count"), pk=deck_id)
    slides = deck.slides.only("number", "thumbnail") if deck.is_ready else []
    return JsonResponse(
        {
            "state": deck.status,
            "pages": deck.page_count,
            "thumbnails": {str(slide.number): slide.thumbnail.url for slide in slides if slide.thumbnail},
        }
    )


@require_GET
def recording_part_player(request, part_id):
    """What the lesson editor can play of a recording part, to take slide times from (JSON): the
    uploaded file's address, or that it is on YouTube (not played in the editor)."""
    part = get_object_or_404(RecordingPart.objects.select_related("video", "page"), pk=part_id)
    if not part.page.permissions_for_user(request.user).can_edit():
        return JsonResponse({"error": _("You may not edit this webinar.")}, status=403)
    video = part.video_file
    return JsonResponse(
        {
            "video": video.url if video else "",
            "poster": part.video.thumbnail.url if video and part.video.thumbnail else "",
            "youtube": bool(part.video_url),
            "duration": part.duration_seconds,
        }
    )
