"""Pages and snippets every part of the site shares: the home page, standard pages, topic areas
and the site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BaseStreamBlock


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


class HomePage(Page):
    """The site's front page: a hero, featured courses and the three topic areas."""

    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_cta_text = models.CharField(_("hero button text"), max_length=80, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        InlinePanel("featured_courses", label=_("Featured courses"), max_num=6),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from courses.models import CourseIndexPage, CoursePage

        course_ids = [link.course_id for link in self.featured_courses.all() if link.course_id]
        courses = CoursePage.objects.live().public().filter(id__in=course_ids).select_related("topic_area")
        by_id = {course.id: course for course in courses}
        featured = [by_id[i] for i in course_ids if i in by_id]
        from courses.models import attach_lesson_totals

        attach_lesson_totals(featured)
        context["featured_courses"] = featured
        context["catalogue"] = CourseIndexPage.objects.live().child_of(self).first()
        context["topic_areas"] = TopicArea.objects.all()
        return context


class HomePageFeaturedCourse(Orderable):
    """A course shown on the home page, in the editor's order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    # SET_NULL, not CASCADE: older revisions of the home page still name deleted courses.
    course = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]


class StandardPage(Page):
    """A plain content page: about, privacy policy, accessibility statement."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


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

    @classmethod
    def for_site(cls, site):
        """Every page's footer reads these: kept in the page cache, which saving them empties."""
        from .page_cache import cached

        if site is None:
            return super().for_site(site)
        return cached(
            f"settings:{cls._meta.label_lower}:{site.pk}", lambda: super(SiteSettings, cls).for_site(site)
        )
