"""How django-allauth behaves on this site, where the settings alone cannot say it."""

import logging
import smtplib
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


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

    def send_mail(self, template_prefix, email, context):
        """Send an account email (verification, password reset); a mail server that refuses it
        or cannot be reached is told to the learner, not answered with an error page: what the
        request did (a sign-up, a changed address) stays done, and the email page offers to
        send it again."""
        # allauth names the site by its host ("127.0.0.1:8000") without django.contrib.sites:
        # the emails say the platform's name instead, and keep the host for the address.
        host = self.request.get_host() if self.request is not None else ""
        context = {**context, "current_site": SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=host)}
        try:
            super().send_mail(template_prefix, email, context)
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("Account email %s to %s not sent: %s", template_prefix, email, error)
            if self.request is not None:
                messages.error(
                    self.request,
                    _(
                        "We could not send the email to %(email)s just now. Try sending it again "
                        "in a few minutes; if it still does not arrive, write to us."
                    )
                    % {"email": email},
                )
