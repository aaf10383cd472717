"""Reads about learners and their accounts."""

from allauth.account.models import EmailAddress
from wagtail.models import Page, Site

PRIVACY_POLICY_SLUG = "polityka-prywatnosci"


def user_display(user) -> str:
    """How allauth names a user in its messages ("Signed in as ..."): the learner's own display
    name or email address, never the generated username they have never seen."""
    return user.get_display_name()


def privacy_policy_page(*, site: Site | None = None):
    """The live privacy policy (the page with the slug "polityka-prywatnosci") under the site's
    home page, or None if the site has none yet."""
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        return None
    return (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(slug=PRIVACY_POLICY_SLUG)
        .order_by("path")
        .first()
    )


def learner_email_addresses(*, user) -> list[EmailAddress]:
    """The learner's email addresses as allauth knows them, primary first."""
    return list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
