from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElearningConfig(AppConfig):
    """The project core: no models, only the shared infrastructure's signal wiring."""

    name = "elearning"
    verbose_name = _("Platform core")

    def ready(self):
        # checks registers the system checks, converters the "id" path converter (before any
        # URLconf, Wagtail's admin hooks included, is read).
        from . import checks, converters, page_cache  # noqa: F401

        page_cache.connect_wagtail_signals()
