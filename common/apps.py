from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Content every part of the site shares: topic areas, site settings, base blocks."""

    name = "common"
    verbose_name = _("Shared content")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from elearning.page_cache import register_public_model

        from .models import SiteSettings, TopicArea

        for model in (TopicArea, SiteSettings, get_image_model(), get_document_model()):
            register_public_model(model)
