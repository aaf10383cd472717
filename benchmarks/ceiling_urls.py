"""The site's own addresses plus two ceilings for the load benchmark, served only under
benchmarks/ceiling_settings.py: what any logged-in write must cost here before it does anything
of its own.

- `/pomiar/zalogowany/`: a POST that passes the site's whole middleware as a learner's progress
  save does (language prefix, session, the user, CSRF) and answers "ok" without a query more;
- `/pomiar/zapis/`: the same plus one UPDATE of one of the learner's rows (their enrolment's
  last activity), the least a save can write."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

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


urlpatterns = [
    *i18n_patterns(
        path("pomiar/zalogowany/", logged_in_post, name="bench_logged_in_post"),
        path("pomiar/zapis/", one_write, name="bench_one_write"),
        prefix_default_language=False,
    ),
    *urls.urlpatterns,
]
