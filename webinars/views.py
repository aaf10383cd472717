"""Admin views of the webinars app: the chooser lessons use to pick a recording part, and the
slide-deck create/edit views that queue rendering, and the decks' rendering states as JSON."""

from django.http import JsonResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.coreutils import resolve_model_string
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView

from .models import SlideDeck


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


class SlideDeckIndexView(IndexView):
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
