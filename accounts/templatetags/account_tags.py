"""Template helpers for the account links in the site header."""

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def return_here(context):
    """The query string ("?next=...") that brings a visitor back to the page they are reading
    after logging in or signing up; empty on the account pages themselves, where coming back
    would make no sense."""
    request = context.get("request")
    if request is None or request.method != "GET":
        return ""
    match = request.resolver_match
    if match is None or match.app_name == "accounts" or (match.url_name or "").startswith("account_"):
        return ""
    return "?" + urlencode({"next": request.get_full_path()})
