from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content and load-test data: `load_demo_content`, `create_random_data`."""

    name = "demo"
    verbose_name = _("Demo content")
