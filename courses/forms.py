"""Forms for the public course pages."""

from django import forms

from common.forms import topic_area_field
from elearning.forms import AccessibleErrorsMixin


class CourseFilterForm(AccessibleErrorsMixin, forms.Form):
    """The catalogue's topic-area filter; an unknown topic is reported and nothing is hidden."""

    topic = topic_area_field()

    def filter(self, courses):
        if self.cleaned_data.get("topic"):
            courses = courses.filter(topic_area=self.cleaned_data["topic"])
        return courses
