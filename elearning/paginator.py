"""The admin's listing count in words every language can follow."""

from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.paginator import WagtailPaginator
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView


class CountedPaginator(WagtailPaginator):
    """Wagtail labels a listing "18 slide decks" by putting the number before the model's
    plural name, which is wrong Polish for most numbers ("18 prezentacje", "5 kursy": Polish
    has three plural forms). The label here is "Prezentacje: 18", right for any number."""

    @cached_property
    def items_count_label(self):
        return _("%(items)s: %(count)s") % {
            "items": capfirst(self.verbose_name_plural),
            "count": number_format(self.count, force_grouping=True),
        }


class CountedListingMixin:
    """For an admin listing view (Wagtail's IndexView, ReportView or their subclasses)."""

    paginator_class = CountedPaginator


class CountedSnippetIndexView(CountedListingMixin, SnippetIndexView):
    """A snippet listing with the count labelled as above."""
