from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "elearning.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import user_cache

        user_cache.connect()
