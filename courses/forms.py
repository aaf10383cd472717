"""Forms for the public course pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import AccessibleErrorsMixin
from home.models import TopicArea


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


class CertificateCodeForm(AccessibleErrorsMixin, forms.Form):
    """The code printed on a certificate, as typed: case, spaces and dashes do not matter."""

    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        widget=forms.TextInput(attrs={"aria-describedby": "id_code-help", "autocomplete": "off"}),
        help_text=_("For example 7K3M-9QXP-2D4F."),
        error_messages={"required": _("Enter the code printed on the certificate.")},
    )

    def clean_code(self):
        from .models import normalize_certificate_code

        code = normalize_certificate_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("A certificate code has 12 letters and digits, such as 7K3M-9QXP-2D4F.")
            )
        return code
