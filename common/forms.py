"""Form parts shared by the public pages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import TopicArea


class ContentLanguageSelect(forms.Select):
    """A select whose options (other than the empty one) are content, written in Polish: on the
    English site they carry lang="pl" (WCAG 3.1.2), the empty "All …" option stays English."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None):
            option["attrs"]["lang"] = settings.WAGTAIL_CONTENT_LANGUAGES[0][0]
        return option


def topic_area_field():
    """The listings' filter by topic area (chosen by its slug; empty for all)."""
    return forms.ModelChoiceField(
        label=_("Topic area"),
        queryset=TopicArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topic areas"),
        widget=ContentLanguageSelect,
    )
