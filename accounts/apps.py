from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Learners' and staff's accounts: the user model, the learner profile, and the data export
    and anonymisation registries that other apps fill."""

    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import admin_access, sessions

        admin_access.connect()
        sessions.connect()
