"""Learning records: who is enrolled where, how far each learner got, and quiz attempts."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import CoursePage, LessonPage
from .quizzes import QuizPage


class Enrolment(models.Model):
    """A learner taking a course. One per learner and course, however often "enrol" is clicked."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)
    last_lesson = models.ForeignKey(
        LessonPage,
        verbose_name=_("last lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="unique_enrolment")]
        indexes = [models.Index(fields=["course", "completed_at"])]
        permissions = [
            ("view_learning_reports", "Can view the learning reports"),
            ("complete_manually", "Can mark a course complete for a learner"),
        ]

    def __str__(self):
        return f"{self.learner} – {self.course}"


class LessonProgress(models.Model):
    """How far a learner got in one lesson: the position to resume from, the stretches of each
    video segment really played (so seeking ahead does not count), and when it was completed."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress_records")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_progress")
    segment = models.CharField(
        max_length=64, blank=True, help_text="Block id of the segment `position` is in."
    )
    position = models.FloatField(default=0, help_text="Seconds in the recording.")
    watched = models.JSONField(default=dict, blank=True, help_text="{segment block id: [[start, end], ...]}")
    watched_seconds = models.FloatField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Completed by the learner's "mark as done" after reading, their video unable to play (the
    # course's CoursePage.video_fallback allows it); the reports count these apart.
    completed_without_video = models.BooleanField(_("completed without the video"), default=False)
    # Completed by attending the lesson's live event: the minutes the imported report gave.
    attended_minutes = models.PositiveIntegerField(_("minutes attended live"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The server credits only playback that could really have happened (services.playback_credit).
    playback_clock = models.DateTimeField(
        null=True,
        help_text="The playback credited so far fits between this moment and now at the fastest rate.",
    )
    refused_seconds = models.FloatField(
        _("playback refused (s)"),
        default=0,
        help_text="The most new playback one save claimed beyond what could have been played.",
    )
    refused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="unique_lesson_progress"),
            models.CheckConstraint(
                condition=models.Q(position__gte=0), name="progress_position_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.learner} – {self.lesson}"


class QuizAttempt(models.Model):
    """One attempt at a quiz. The questions asked, with their answer key, are frozen here when
    the attempt starts, and the answers, score and result when it is submitted, so later edits
    of the quiz never change a recorded result. The frozen key never leaves the server before
    grading."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        QuizPage, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="attempts"
    )
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts")
    number = models.PositiveSmallIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    questions = models.JSONField(default=list, help_text="The questions asked, with the answer key.")
    answers = models.JSONField(default=dict, blank=True, help_text="{question id: answer given}")
    results = models.JSONField(default=list, blank=True, help_text="Points earned per question.")
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=2, default=0)
    percent = models.DecimalField(_("result (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "quiz", "number"], name="unique_quiz_attempt_number"),
            # One attempt in progress at a time: a double click on "start" cannot open two.
            models.UniqueConstraint(
                fields=["learner", "quiz"],
                condition=models.Q(submitted_at__isnull=True),
                name="one_open_quiz_attempt",
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True) | models.Q(percent__isnull=False),
                name="submitted_quiz_attempt_is_graded",
            ),
        ]

    def __str__(self):
        return f"{self.learner} – {self.quiz} #{self.number}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class CoordinatorScope(models.Model):
    """Limits a coordinator to chosen courses. A coordinator without one sees every course; with
    one, only its courses (none, when it lists none)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.CASCADE,
        related_name="coordinator_scope",
    )
    courses = models.ManyToManyField(
        CoursePage,
        verbose_name=_("courses"),
        blank=True,
        related_name="+",
        help_text=_(
            "The coordinator sees the reports and certificates of these courses only. Without this "
            "limit (if it is deleted) a coordinator sees every course."
        ),
    )

    class Meta:
        verbose_name = _("coordinator's courses")
        verbose_name_plural = _("coordinators' courses")

    def __str__(self):
        return str(self.user)

    @admin.display(description=_("courses"))
    def course_list(self):
        return ", ".join(course.title for course in self.courses.all()) or "—"


class ManualCompletion(models.Model):
    """A course marked complete by a coordinator rather than by the learner's steps: who did it,
    when and why. Kept for the audit trail; never edited."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="manual_completion"
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_by_name = models.CharField(_("completed by"), max_length=200)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("manual completion")
        verbose_name_plural = _("manual completions")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="manual_completion_has_reason")
        ]

    def __str__(self):
        return f"{self.enrolment} ({self.completed_by_name})"
