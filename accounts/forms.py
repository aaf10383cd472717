"""Forms of the learner's account: sign-up (allauth's, with the profile and the privacy
consent), the profile on "My account" and the confirmation of account deletion."""

from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .models import OrganisationType, User, Voivodeship
from .selectors import privacy_policy_page

# Asked of everyone: a name for certificates and who they learn for. The rest is optional
# (a resident has no organisation; a learner from abroad has no voivodeship).
REQUIRED_PROFILE_FIELDS = ("display_name", "organisation_type")


def profile_form_fields() -> dict[str, forms.Field]:
    """The profile's form fields, built from the model so labels and choices stay in one place."""
    fields = forms.fields_for_model(User, fields=services.PROFILE_FIELDS)
    for name in REQUIRED_PROFILE_FIELDS:
        fields[name].required = True
    fields["display_name"].widget.attrs["autocomplete"] = "name"
    fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
    fields["municipality"].widget.attrs["autocomplete"] = "address-level2"
    fields["organisation_type"].choices = [("", _("Choose…")), *OrganisationType.choices]
    fields["voivodeship"].choices = [("", _("Not given")), *Voivodeship.choices]
    fields["voivodeship"].help_text = _("Leave empty if you live outside Poland.")
    return fields


class LearnerSignupForm(SignupForm):
    """allauth's sign-up form (email, password twice) plus the learner profile and a required
    consent to the privacy policy, recorded with its time."""

    field_order = [
        "email",
        "password1",
        "password2",
        *services.PROFILE_FIELDS,
        "privacy_consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(profile_form_fields())
        self.fields["preferred_language"].initial = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        self.fields["privacy_consent"] = forms.BooleanField(
            label=self._privacy_consent_label(),
            error_messages={"required": _("You must accept the privacy policy to create an account.")},
        )
        self.order_fields(self.field_order)

    @staticmethod
    def _privacy_consent_label():
        page = privacy_policy_page()
        url = page.get_url() if page else None
        if not url:
            return gettext("I have read and accept the privacy policy.")
        # A new tab, so that reading the policy does not throw away the filled-in form.
        link = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}<span class="visually-hidden"> {}</span></a>',
            url,
            gettext("privacy policy"),
            gettext("(opens in a new tab)"),
        )
        return format_html(gettext("I have read and accept the {privacy_policy}."), privacy_policy=link)

    def signup(self, request, user):
        """Called by allauth once the user row exists."""
        services.learner_profile_update(
            user=user,
            privacy_consent_at=timezone.now(),
            **{name: self.cleaned_data[name] for name in services.PROFILE_FIELDS},
        )


class LearnerProfileForm(forms.Form):
    """The learner's profile on "My account"."""

    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault("initial", {name: getattr(user, name) for name in services.PROFILE_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields.update(profile_form_fields())


class AccountDeleteForm(forms.Form):
    """Deleting the account needs the learner's password, so that a session left open on a
    shared computer is not enough."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="password_incorrect")
        return password
