"""Forms of the public certificate pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from elearning.forms import AccessibleErrorsMixin

from .models import normalize_certificate_code


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
        code = normalize_certificate_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("A certificate code has 12 letters and digits, such as 7K3M-9QXP-2D4F.")
            )
        return code
