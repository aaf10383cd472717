"""The top of the site: the home page and standard pages (about, privacy, accessibility)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from common.blocks import BaseStreamBlock
from common.models import EnglishNavigationTitle, TopicArea
from courses.models import CourseIndexPage, CoursePage
from courses.selectors import attach_step_totals
from elearning import page_cache
from elearning.panels import NamedInlinePanel


class HomePage(EnglishNavigationTitle, Page):
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
        FieldPanel("title_en"),
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        NamedInlinePanel(
            "featured_courses",
            heading=_("Featured courses"),
            label=_("featured course"),
            add_label=_("Add a featured course"),
            max_num=6,
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page a path names by the `url_path` Wagtail keeps for every page: its id and
        type are kept in the page cache (public, made stale by any publish or move), so routing
        costs one query for the page itself instead of two per level of the tree. A path no
        page has (a page that routes its own sub-paths, or nothing) goes Wagtail's usual way,
        which also answers 404."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            found = page_cache.cached_public(
                f"route:{self.pk}:{url_path}", lambda: self._find(url_path), keep_empty=False
            )
            if found:
                content_type_id, page_id = found
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                page = model.objects.filter(pk=page_id).first() if model else None
                if page is not None:
                    return page.route(request, [])
        return super().route(request, path_components)

    def _find(self, url_path):
        """(content type id, page id) of the descendant at `url_path`, or () if none."""
        found = (
            Page.objects.filter(url_path=url_path, path__startswith=self.path)
            .values_list("content_type_id", "pk")
            .first()
        )
        return tuple(found) if found else ()

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


class StandardPage(EnglishNavigationTitle, Page):
    """A plain content page: about, privacy policy, accessibility statement."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("title_en"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
