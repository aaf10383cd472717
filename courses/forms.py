"""Forms for the public course pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.models import TopicArea
from elearning.forms import AccessibleErrorsMixin


class CourseFilterForm(AccessibleErrorsMixin, forms.Form):
    """The catalogue's topic-area filter; an unknown topic is reported and nothing is hidden."""

    topic = forms.ModelChoiceField(
        label=_("Topic area"),
        queryset=TopicArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topic areas"),
    )

    def filter(self, courses):
        if self.cleaned_data.get("topic"):
            courses = courses.filter(topic_area=self.cleaned_data["topic"])
        return courses
