from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates of completion: issued by workers when courses announce a completion,
    emailed, publicly verifiable, managed by coordinators."""

    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from accounts.services import register_anonymise_hook, register_export_section
        from courses.signals import course_completed

        from . import selectors, services

        course_completed.connect(services.on_course_completed, dispatch_uid="certificate_for_completion")
        register_export_section("certificates", selectors.certificates_export)
        register_anonymise_hook(services.certificates_withdraw)
