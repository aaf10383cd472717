"""Forms for the public webinar pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.models import TopicArea
from elearning.forms import AccessibleErrorsMixin


class WebinarFilterForm(AccessibleErrorsMixin, forms.Form):
    """Filters of the webinar listing: topic area and year. Unknown values are reported in the
    form, and the listing then shows everything."""

    topic = forms.ModelChoiceField(
        label=_("Topic area"),
        queryset=TopicArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topic areas"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]

    def filter(self, webinars):
        if self.cleaned_data.get("topic"):
            webinars = webinars.filter(topic_area=self.cleaned_data["topic"])
        if self.cleaned_data.get("year"):
            webinars = webinars.filter(date__year=self.cleaned_data["year"])
        return webinars
