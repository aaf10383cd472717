"""Content every part of the site shares: topic areas and the site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.search import index


class EnglishNavigationTitle(models.Model):
    """For pages that navigation names (the home page, the catalogues, plain pages): their title
    as the English site's menu and breadcrumbs show it. The content stays Polish; without an
    English title the Polish one is shown, marked lang="pl" (common/templatetags/site_tags.py)."""

    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown in the menu and the breadcrumbs of the English site (/en/)."),
    )

    class Meta:
        abstract = True


class TopicArea(index.Indexed, models.Model):
    """One of the institute's three topic areas ("Baza analiz i modeli społecznych"), used to
    group webinars and courses and to filter the catalogue."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topic area")
        verbose_name_plural = _("topic areas")

    def __str__(self):
        return self.name


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Site-wide details editors can change without a deploy: the institute's name and contact,
    shown in the footer (and later on certificates)."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Centrum OPUS – CAMS"
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])
    certificate_signatory = models.CharField(
        _("signatory"),
        max_length=200,
        blank=True,
        help_text=_("Who signs the certificates, e.g. a director."),
    )
    certificate_signatory_role = models.CharField(_("signatory's role"), max_length=200, blank=True)
    certificate_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo on certificates"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("certificate_signatory"),
                FieldPanel("certificate_signatory_role"),
                FieldPanel("certificate_logo"),
            ],
            heading=_("Certificates"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
