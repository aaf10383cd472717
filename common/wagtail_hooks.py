"""Admin registration of the shared content: topic areas (site settings register themselves)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import TopicArea


class TopicAreaViewSet(SnippetViewSet):
    model = TopicArea
    icon = "tag"
    menu_label = _("Topic areas")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


register_snippet(TopicAreaViewSet)
