"""Security headers beside Django's own: the Content-Security-Policy (django-csp, configured in
settings.CONTENT_SECURITY_POLICY) and a Permissions-Policy.

The site's pages get a strict policy: scripts, styles, images and media from the site itself,
and YouTube's player (its IFrame API script and its embed frame) and nothing else; no inline
scripts or styles, no plugins, forms posting only to the site. Wagtail's admin still writes
inline scripts and styles (wagtail/wagtail#1288), so under /admin/ the directives of
settings.CONTENT_SECURITY_POLICY_ADMIN replace those of the site's policy; the admin is only
for logged-in staff."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's replacements under /admin/ (the documented
    way to customise it: extending `get_policy_parts`)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Sets settings.PERMISSIONS_POLICY on every response that has none: the browser features
    the site never uses are off for it and for the frames it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = settings.PERMISSIONS_POLICY
        self.value = ", ".join(f"{feature}={allowed}" for feature, allowed in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response
