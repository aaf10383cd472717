from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top of the site: home page, standard pages, search, navigation, My learning."""

    name = "home"
    verbose_name = _("Site")
