"""Forms of the webinars app: the public listing's filters and the media library's upload form."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtailmedia.forms import BaseMediaForm

from common.forms import topic_area_field
from elearning.forms import AccessibleErrorsMixin

from .validators import validate_video


class WebinarFilterForm(AccessibleErrorsMixin, forms.Form):
    """Filters of the webinar listing: topic area and year. Unknown values are reported in the
    form, and the listing then shows everything."""

    topic = topic_area_field()
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


class RecordingFileForm(BaseMediaForm):
    """The media library's upload form (WAGTAILMEDIA["MEDIA_FORM_BASE"]): a video is checked by
    its first bytes and its size against VIDEO_MAX_UPLOAD_SIZE, which the form states and the
    browser checks before sending (static/js/upload_progress.js shows the upload's progress)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            limit = filesizeformat(settings.VIDEO_MAX_UPLOAD_SIZE)
            field = self.fields["file"]
            field.help_text = _(
                "WebM or MP4, at most %(limit)s. Its duration and poster are read from it."
            ) % {"limit": limit}
            field.widget.attrs.update(
                {
                    "data-max-size": str(settings.VIDEO_MAX_UPLOAD_SIZE),
                    "data-limit-text": limit,
                    "data-too-large": _("The file is too large (%(size)s); the limit is %(limit)s."),
                    "data-progress-label": _("Upload progress"),
                    # The script puts "45%" for %(percent)s, "450 MB" for the sizes.
                    "data-progress-text": _("Sent %(percent)s (%(sent)s of %(total)s)."),
                    "data-failed-text": _("The upload was cut off. Check the connection, then send again."),
                }
            )

    def save(self, commit=True):
        if "thumbnail" in self.changed_data:
            self.instance.poster_generated = False  # the editor's own poster is kept
        return super().save(commit)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "content_type"):  # a new upload, not the stored file
            validate_video(upload)
        return upload


class GuestRegistrationForm(forms.Form):
    """A guest's registration for a live event: a name for the list of participants and an
    email to confirm and to send the personal links to. Rendered with the accounts' field
    markup, whose error ids are the ones Django ties the inputs to itself."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter a valid email address."),
        },
    )

    def clean_name(self):
        # The name goes to a list of participants, never into emails; still, no addresses in it.
        name = self.cleaned_data["name"]
        if "://" in name or "www." in name.lower() or "@" in name:
            raise forms.ValidationError(_("Give your name only, without addresses."))
        return name
