from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Courses, lessons and quizzes, and the learning records: enrolment, progress, attempts,
    completion (announced through `courses.signals.course_completed`)."""

    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from accounts.services import register_anonymise_hook, register_export_section
        from elearning.page_cache import register_query_parameters

        from .selectors import learning_records_export
        from .services import quiz_answers_anonymise

        register_export_section("learning", learning_records_export)
        register_anonymise_hook(quiz_answers_anonymise)
        register_query_parameters("topic")  # the catalogue's filter
