from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from elearning.accounts.services import register_export_section

        from .selectors import learning_records_export

        register_export_section("learning", learning_records_export)
