from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    """Webinars: recordings in parts with chapters, slide decks and their rendering, speakers."""

    name = "webinars"
    verbose_name = _("Webinars")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from accounts.services import register_anonymise_hook, register_export_section
        from elearning.page_cache import register_public_model, register_query_parameters

        from .live_events import learner_webinars_export, learner_webinars_forget, on_webinar_published
        from .models import RecordingFile, Slide, SlideDeck, Speaker, WebinarPage
        from .services import on_recording_file_saved

        for model in (SlideDeck, Slide, Speaker, RecordingFile):
            register_public_model(model)
        post_save.connect(on_recording_file_saved, sender=RecordingFile, dispatch_uid="probe_recording_file")
        page_published.connect(
            on_webinar_published, sender=WebinarPage, dispatch_uid="announce_webinar_changes"
        )
        register_export_section("webinars", learner_webinars_export)
        register_anonymise_hook(learner_webinars_forget)
        register_query_parameters("topic", "year", "page")  # the webinar listing's filters
