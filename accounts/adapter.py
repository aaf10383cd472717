"""How django-allauth behaves on this site, where the settings alone cannot say it."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class LearnerAccountAdapter(DefaultAccountAdapter):
    """Sends learners back to the home page of the language they were using: the settings can
    only name one address ("/"), which is the Polish site."""

    def get_login_redirect_url(self, request):
        return self._in_current_language(super().get_login_redirect_url(request))

    def get_logout_redirect_url(self, request):
        return self._in_current_language(super().get_logout_redirect_url(request))

    @staticmethod
    def _in_current_language(url):
        if url == "/":
            return reverse("wagtail_serve", args=[""])
        return url
