from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Courses, lessons and quizzes, and the learning records: enrolment, progress, attempts,
    completion (announced through `courses.signals.course_completed`)."""

    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.signals import page_published

        from accounts.services import register_anonymise_hook, register_export_section
        from elearning.page_cache import register_query_parameters
        from webinars.models import Attendance
        from webinars.signals import attendance_recorded

        from .models import LessonPage
        from .selectors import learning_records_export
        from .services import on_attendance_recorded, on_lesson_published, quiz_answers_anonymise

        register_export_section("learning", learning_records_export)
        register_anonymise_hook(quiz_answers_anonymise)
        register_query_parameters("topic")  # the catalogue's filter
        attendance_recorded.connect(
            on_attendance_recorded, sender=Attendance, dispatch_uid="live_steps_credit"
        )
        page_published.connect(on_lesson_published, sender=LessonPage, dispatch_uid="live_step_published")
