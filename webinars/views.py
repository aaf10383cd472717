"""Admin views of the webinars app: the chooser lessons use to pick a recording part, and the
slide-deck create/edit views that queue rendering."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views.snippets import CreateView, EditView


class RecordingPartChooserViewSet(ChooserViewSet):
    """Lets editors pick one part of a webinar recording for a lesson's video segment."""

    model = "webinars.RecordingPart"
    icon = "media"
    choose_one_text = _("Choose a recording part")
    choose_another_text = _("Choose another recording part")
    edit_item_text = _("Edit webinar")
    per_page = 30

    def get_object_list(self):
        return self.model_class.objects.select_related("page").order_by("page__title", "sort_order")


recording_part_chooser_viewset = RecordingPartChooserViewSet("recording_part_chooser")


class SlideDeckCreateView(CreateView):
    def save_instance(self):
        from .services import slide_deck_queue_render

        deck = super().save_instance()
        slide_deck_queue_render(deck=deck)
        return deck


class SlideDeckEditView(EditView):
    def save_instance(self):
        from .services import slide_deck_queue_render

        deck = super().save_instance()
        if "file" in self.form.changed_data:
            slide_deck_queue_render(deck=deck)
        return deck
