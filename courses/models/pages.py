"""Courses and lessons. A course's syllabus is its live child lessons in editor order."""

import hashlib
import json

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from common.models import EnglishNavigationTitle
from elearning import page_cache
from webinars.models import RecordingPart

from ..blocks import LessonStreamBlock


class CourseIndexPage(EnglishNavigationTitle, Page):
    """The course catalogue, filterable by topic area."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("title_en"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def courses(self):
        """Live public courses in the catalogue, in editor order."""
        return CoursePage.objects.live().public().child_of(self).select_related("topic_area", "cover_image")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors
        from ..forms import CourseFilterForm

        context = super().get_context(request, *args, **kwargs)
        courses = self.courses()
        form = CourseFilterForm(request.GET or None)
        if form.is_bound and form.is_valid():
            courses = form.filter(courses)
        courses = list(courses)
        selectors.attach_step_totals(courses)
        context["filter_form"] = form
        context["courses"] = courses
        return context


def personal(request, response):
    """A logged-in learner's page shows their own progress: no shared cache may keep it."""
    if request.user.is_authenticated:
        add_never_cache_headers(response)
    return response


class SyllabusItemMixin:
    """What lessons and quizzes share as steps of a course: the course and its syllabus beside
    them, previous and next steps, the learner's state, and in a sequential course a 403 page
    while earlier steps are not complete."""

    is_quiz = False

    @cached_property
    def course(self):
        """The course this step belongs to (its parent page), in one query."""
        return CoursePage.objects.get(path=self.path[: -self.steplen])

    def serve(self, request, *args, **kwargs):
        from django.template.response import TemplateResponse

        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None)
        if context is not None and context.get("locked"):
            response = TemplateResponse(request, "courses/lesson_locked.html", context, status=403)
        return personal(request, response)

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        syllabus = course.syllabus()
        position = next((i for i, item in enumerate(syllabus) if item.pk == self.pk), None)
        context["course"] = course
        context["syllabus"] = syllabus
        context.update(selectors.learner_context(request, course, syllabus))
        # Editors previewing a draft see it whatever their own progress.
        context["locked"] = (
            position is not None
            and not getattr(request, "is_preview", False)
            and self.pk not in context["open_ids"]
        )
        if position is not None:
            context["previous_item"] = syllabus[position - 1] if position > 0 else None
            context["next_item"] = syllabus[position + 1] if position + 1 < len(syllabus) else None
            context["item_number"] = position + 1
        return context


class CoursePage(Page):
    """A course: a summary, learning outcomes and a syllabus of lessons taken in order."""

    class VideoFallback(models.TextChoices):
        VIDEO = "video", _("Only by watching the video")
        READ = "read", _("Also by reading the transcript and slides, then “mark as done”")

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    summary = models.TextField(_("summary"), help_text=_("One or two sentences for the catalogue."))
    description = RichTextField(
        _("description"), blank=True, features=["h3", "bold", "italic", "link", "ul", "ol"]
    )
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome"), icon="tick"))],
        blank=True,
        verbose_name=_("learning outcomes"),
        help_text=_("What a learner can do after the course, one per item."),
    )
    topic_area = models.ForeignKey(
        "common.TopicArea",
        verbose_name=_("topic area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.BEGINNER)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completion_threshold = models.PositiveSmallIntegerField(
        _("share of video to watch (%)"),
        default=90,
        validators=[MinValueValidator(10), MaxValueValidator(100)],
        help_text=_("A video lesson is complete when the learner has really played this share of it."),
    )
    video_fallback = models.CharField(
        _("when the video cannot play"),
        max_length=8,
        choices=VideoFallback.choices,
        default=VideoFallback.VIDEO,
        help_text=_(
            "What completes a video lesson for a learner whose network blocks the video (often "
            "YouTube in offices). Reading counts only in lessons with a transcript or slides; the "
            "reports show such lessons as completed without the video."
        ),
    )
    sequential = models.BooleanField(
        _("lessons in order"),
        default=False,
        help_text=_("A lesson opens only when the one before it is complete."),
    )
    certificate_enabled = models.BooleanField(
        _("certificate of completion"),
        default=True,
        help_text=_("Learners who complete every lesson and pass every quiz get a certificate by email."),
    )
    certificate_hours = models.DecimalField(
        _("hours on the certificate"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty to use the estimated time of the lessons and quizzes."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("topic_area"), FieldPanel("level"), FieldPanel("cover_image")],
            heading=_("Catalogue"),
        ),
        FieldPanel("learning_outcomes"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("completion_threshold"),
                FieldPanel("video_fallback"),
                FieldPanel("sequential"),
                FieldPanel("certificate_enabled"),
                FieldPanel("certificate_hours"),
            ],
            heading=_("Completion"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("learning_outcomes"),
        index.FilterField("topic_area"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def lessons(self):
        """The live lessons in editor order."""
        return LessonPage.objects.live().public().child_of(self).order_by("path")

    def syllabus(self) -> list:
        """The steps of the course, live public lessons and quizzes in editor order (two
        queries, remembered for the rest of the request)."""
        from ..selectors import course_steps

        if "_syllabus" not in self.__dict__:
            self.__dict__["_syllabus"] = course_steps([self])[self.pk]
        return self.__dict__["_syllabus"]

    def serve(self, request, *args, **kwargs):
        return personal(request, super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        syllabus = self.syllabus()
        context["syllabus"] = syllabus
        context["lesson_count"] = sum(1 for item in syllabus if not item.is_quiz)
        context["quiz_count"] = sum(1 for item in syllabus if item.is_quiz)
        context["estimated_seconds"] = sum(item.estimated_seconds for item in syllabus)
        context.update(selectors.learner_context(request, self, syllabus))
        return context


class LessonPage(SyllabusItemMixin, Page):
    """A lesson: text, segments of webinar recordings with slides that follow the video,
    downloads and callouts, and a transcript."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    transcript = RichTextField(
        _("transcript"),
        blank=True,
        features=["h3", "bold", "italic", "ul", "ol"],
        help_text=_("A text version of the video for people who cannot hear or watch it."),
    )
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"),
        default=0,
        help_text=_("Time for the text and slides, on top of the video segments."),
    )
    estimated_seconds = models.PositiveIntegerField(default=0, editable=False)
    # A live event as this step: attending enough of it completes the step; its recording, cut
    # into the body's video segments after the event, completes it too for those who missed it.
    live_event = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("live event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"starts_at__isnull": False},
        help_text=_(
            "A live webinar or seminar that is this step: learners register and join from the lesson, and "
            "the imported attendance completes it. Add its recording's segments to the body after the "
            "event for those who could not come."
        ),
    )
    attendance_share = models.PositiveSmallIntegerField(
        _("share of the live event to attend (%)"),
        default=75,
        validators=[MinValueValidator(10), MaxValueValidator(100)],
        help_text=_("The step is complete for a learner who attended this share of the planned time."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                PageChooserPanel("live_event", page_type="webinars.WebinarPage"),
                FieldPanel("attendance_share"),
            ],
            heading=_("Live event"),
            classname="collapsed",
        ),
        FieldPanel("body"),
        FieldPanel("transcript"),
        FieldPanel("reading_minutes"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("transcript"),
        index.SearchField("slide_text"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def save(self, *args, **kwargs):
        # The estimate is derived from the body, stored so the catalogue can sum it in one query.
        # A live step without its recording yet takes the event's planned time.
        video = self.video_seconds()
        if not video and self.live_event_id and self.live_event:
            video = (self.live_event.duration_minutes or 0) * 60
        self.estimated_seconds = video + self.reading_minutes * 60
        return super().save(*args, **kwargs)

    def video_segments(self):
        """{block id: (start, end)} of the playable video segments (their recording part still
        exists), in recording seconds; remembered for the body it was worked out from, and kept
        in the page cache for the live page (public content). Worked out from the body's raw
        data, so the blocks' choosers load nothing: one query at most."""
        memo = self.__dict__.get("_video_segments")
        if memo is not None and memo[0] is self.body:
            return memo[1]
        # Keyed by the body itself: a preview of a draft and the live page never share an entry.
        body_key = hashlib.sha1(json.dumps(list(self.body.raw_data), sort_keys=True, default=str).encode())
        segments = page_cache.cached_public(f"segments:{body_key.hexdigest()}", self._playable_segments)
        self._video_segments = (self.body, segments)
        return segments

    def _playable_segments(self):
        candidates = {}
        for item in self.body.raw_data:
            value = item.get("value") or {}
            if item.get("type") != "video_segment" or not value.get("recording"):
                continue
            start, end = value.get("start"), value.get("end")
            if start is not None and end is not None and end > start:
                candidates[item["id"]] = (value["recording"], start, end)
        recordings = {part for part, _start, _end in candidates.values()}
        existing = set()
        if recordings:
            existing = set(RecordingPart.objects.filter(pk__in=recordings).values_list("pk", flat=True))
        return {key: (start, end) for key, (part, start, end) in candidates.items() if part in existing}

    @property
    def readable_without_video(self) -> bool:
        """Whether the lesson has a transcript or slides to read when its video cannot play."""
        return bool(self.transcript) or any(item.get("type") == "slides" for item in self.body.raw_data)

    def video_seconds(self):
        return sum(
            max(block.value["end"] - block.value["start"], 0)
            for block in self.body
            if block.block_type == "video_segment"
            and block.value["start"] is not None
            and block.value["end"] is not None
        )

    def slide_text(self):
        """The text of the slides this lesson shows, so search finds it by a slide's words."""
        return "\n".join(
            block.value["deck"].text
            for block in self.body
            if block.block_type == "slides" and block.value["deck"]
        )

    def body_sections(self):
        """The body's blocks, with each video segment directly followed by slides paired up, so
        the slides can be shown beside the video they follow."""
        blocks = list(self.body)
        # One query for the slides of every deck in the body, however many slides blocks it has.
        decks = [
            block.value["deck"] for block in blocks if block.block_type == "slides" and block.value["deck"]
        ]
        prefetch_related_objects(decks, "slides")
        sections, index = [], 0
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if block.block_type == "video_segment" and following and following.block_type == "slides":
                sections.append({"video": block, "slides": following})
                index += 2
            else:
                sections.append({"block": block})
                index += 1
        return sections

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ..selectors import live_step

        context["lesson_progress"] = context["learner"].progress.get(self.pk)
        context["has_video"] = bool(self.video_segments())
        context["live"] = live = live_step(request.user, self)
        # A live event comes at its time, not when the steps before it are done: its lesson stays
        # open until it is over, so learners can register and join.
        if context.get("locked") and live and live.counts and live.upcoming:
            context["locked"] = False
        return context
