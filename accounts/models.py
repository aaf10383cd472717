"""The platform's user model, swapped in before the first migration so that learner fields
can be added later without a painful switch. The learner profile lives on the user row itself:
every learner has exactly one, and reports read it without a join."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """Who a learner learns for; coordinators report completions by these groups."""

    LOCAL_GOVERNMENT = "local_government", _("Local government unit")
    NGO = "ngo", _("Non-governmental organisation")
    INFORMAL_GROUP = "informal_group", _("Informal group")
    RESIDENT = "resident", _("Resident")
    OTHER = "other", _("Other")


class Voivodeship(models.TextChoices):
    """The sixteen Polish voivodeships. Labels are their official Polish names, in either
    interface language, as proper names are not translated."""

    DOLNOSLASKIE = "dolnoslaskie", "dolnośląskie"
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie", "kujawsko-pomorskie"
    LUBELSKIE = "lubelskie", "lubelskie"
    LUBUSKIE = "lubuskie", "lubuskie"
    LODZKIE = "lodzkie", "łódzkie"
    MALOPOLSKIE = "malopolskie", "małopolskie"
    MAZOWIECKIE = "mazowieckie", "mazowieckie"
    OPOLSKIE = "opolskie", "opolskie"
    PODKARPACKIE = "podkarpackie", "podkarpackie"
    PODLASKIE = "podlaskie", "podlaskie"
    POMORSKIE = "pomorskie", "pomorskie"
    SLASKIE = "slaskie", "śląskie"
    SWIETOKRZYSKIE = "swietokrzyskie", "świętokrzyskie"
    WARMINSKO_MAZURSKIE = "warminsko-mazurskie", "warmińsko-mazurskie"
    WIELKOPOLSKIE = "wielkopolskie", "wielkopolskie"
    ZACHODNIOPOMORSKIE = "zachodniopomorskie", "zachodniopomorskie"


class User(AbstractUser):
    """Anyone who logs in: learners, editors, coordinators. Roles are Django groups. Learners
    sign up with an email address (django-allauth) and get a generated username; editors keep
    logging in to the Wagtail admin with theirs."""

    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("The name as it will appear on certificates."),
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("organisation type"), max_length=32, choices=OrganisationType.choices, blank=True
    )
    voivodeship = models.CharField(_("voivodeship"), max_length=32, choices=Voivodeship.choices, blank=True)
    municipality = models.CharField(_("municipality"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of emails and certificates."),
    )
    privacy_consent_at = models.DateTimeField(_("privacy policy accepted at"), null=True, blank=True)
    # Set when the learner deleted their account: the row stays (learning records point at it)
    # but nothing on it identifies a person any more.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_display_name()

    def get_display_name(self) -> str:
        """How the platform names this person everywhere (allauth's messages, reports,
        certificates, audit trails): the name they gave, else their full name, email address or
        username; a deleted account is named as such."""
        if self.anonymised_at:
            return str(_("Deleted account"))
        return self.display_name or self.get_full_name() or self.email or self.get_username()


class UserSession(models.Model):
    """A session someone logged in with. Django's database sessions do not say whose they are,
    so deleting an account could not find its sessions without decoding every one: they are
    noted here at login (accounts.sessions) and forgotten at logout."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self):
        return f"{self.user_id}: {self.session_key[:8]}…"
