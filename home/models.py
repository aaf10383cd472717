"""The top of the site: the home page and standard pages (about, privacy, accessibility)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from common.blocks import BaseStreamBlock
from common.models import TopicArea
from courses.models import CourseIndexPage, CoursePage
from courses.selectors import attach_step_totals


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
        course_ids = [link.course_id for link in self.featured_courses.all() if link.course_id]
        courses = CoursePage.objects.live().public().filter(id__in=course_ids).select_related("topic_area")
        by_id = {course.id: course for course in courses}
        featured = [by_id[i] for i in course_ids if i in by_id]
        attach_step_totals(featured)
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
