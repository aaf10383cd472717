from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    """Webinars: recordings in parts with chapters, slide decks and their rendering, speakers."""

    name = "webinars"
    verbose_name = _("Webinars")

    def ready(self):
        from elearning.page_cache import register_public_model, register_query_parameters

        from .models import Slide, SlideDeck, Speaker

        for model in (SlideDeck, Slide, Speaker):
            register_public_model(model)
        register_query_parameters("topic", "year", "page")  # the webinar listing's filters
