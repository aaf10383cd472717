"""Which courses a coordinator may see. A coordinator can be limited to chosen courses
(`CoordinatorScope`); every report, certificate list and action narrows by these helpers."""

from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import CoordinatorScope, CoursePage

_CACHE = "_course_scope_cache"


def course_scope(user) -> frozenset[int] | None:
    """The ids of the courses the user may report on, or None for every course. One query,
    remembered on the user object for the request."""
    if user.is_superuser:
        return None
    if not hasattr(user, _CACHE):
        rows = list(CoordinatorScope.objects.filter(user=user).values_list("courses", flat=True))
        # No scope: no row. A scope without courses: one row with None.
        setattr(user, _CACHE, frozenset(pk for pk in rows if pk is not None) if rows else None)
    return getattr(user, _CACHE)


def scope_q(user, field: str = "pk") -> Q:
    """A condition on `field` (a course id) keeping the user's courses."""
    scope = course_scope(user)
    return Q() if scope is None else Q(**{f"{field}__in": scope})


def scope_children_q(user, prefix: str = "") -> Q:
    """A condition on pages (lessons, quizzes) keeping those inside the user's courses."""
    scope = course_scope(user)
    if scope is None:
        return Q()
    paths = CoursePage.objects.filter(pk__in=scope).values_list("path", flat=True)
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path, f"{prefix}depth__gt": len(path) // Page.steplen})
    return q


def in_scope(user, course_id: int) -> bool:
    scope = course_scope(user)
    return scope is None or course_id in scope


def require_in_scope(user, course_id: int) -> None:
    """404 for a course outside the user's scope: its existence is not confirmed."""
    if not in_scope(user, course_id):
        raise Http404


def forbidden(request):
    """403 with a page saying so, for admin users without the role (Wagtail's own refusal is a
    redirect to the dashboard)."""
    return TemplateResponse(
        request, "courses/admin/forbidden.html", {"page_title": _("No access")}, status=403
    )
