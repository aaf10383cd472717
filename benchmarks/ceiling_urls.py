"""The site's own addresses plus three ceilings for the load benchmark, served only under
benchmarks/ceiling_settings.py: what any logged-in request must cost here before it does anything
of its own.

- `/pomiar/zalogowany/`: a POST that passes the site's whole middleware as a learner's progress
  save does (language prefix, session, the user, CSRF) and answers "ok" without a query more;
- `/pomiar/zapis/`: the same plus one UPDATE of one of the learner's rows (their enrolment's
  last activity), the least a save can write;
- `/pomiar/strona/?path=…`: a GET that does for a logged-in learner what Wagtail does before any
  page of its own is rendered (the site for the host, the page at the path through the home
  page's `route()`, the page's view restrictions, the session and the user) and answers "ok":
  the floor of a logged-in page served by Wagtail without caches of sessions, users or routes."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page

from courses.models import Enrolment
from elearning import urls


@require_POST
def logged_in_post(request):
    if not request.user.is_authenticated:
        return HttpResponse("log in", status=403)
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def one_write(request):
    if not request.user.is_authenticated:
        return HttpResponse("log in", status=403)
    enrolment = Enrolment.objects.filter(learner_id=request.user.pk, course_id=request.GET.get("course"))
    if enrolment.update(last_activity_at=timezone.now()) != 1:
        return HttpResponse("not enrolled", status=404)
    return JsonResponse({"ok": True})


def wagtail_floor(request):
    if not request.user.is_authenticated:
        return HttpResponse("log in", status=403)
    page = Page.find_for_request(request, request.GET.get("path", "/"))
    if page is None:
        return HttpResponse("no such page", status=404)
    if not all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        return HttpResponse("restricted", status=403)
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    *i18n_patterns(
        path("pomiar/zalogowany/", logged_in_post, name="bench_logged_in_post"),
        path("pomiar/zapis/", one_write, name="bench_one_write"),
        path("pomiar/strona/", wagtail_floor, name="bench_wagtail_floor"),
        prefix_default_language=False,
    ),
    *urls.urlpatterns,
]
