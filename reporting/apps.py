from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Coordinators' side: reports, filters, exports, manual completion, the "Learning" menu."""

    name = "reporting"
    verbose_name = _("Reporting")
