"""Admin registration of the shared content: topic areas (site settings register themselves)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from elearning.paginator import CountedSnippetIndexView

from .models import TopicArea


class TopicAreaViewSet(SnippetViewSet):
    model = TopicArea
    index_view_class = CountedSnippetIndexView
    icon = "tag"
    menu_label = _("Topic areas")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


register_snippet(TopicAreaViewSet)
