"""Non-page endpoints of the site's top: search and My learning."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from certificates.selectors import my_certificates
from courses.models import CourseIndexPage
from courses.selectors import my_learning as my_learning_states
from webinars.live_events import registrations_of_learner

from .selectors import site_search


@require_safe
def search(request):
    """Site search over courses, lessons, webinars and the text of their slides."""
    query = request.GET.get("q", "").strip()[:200]
    results = site_search(query) if query else []
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {"search_query": query, "results": page, "paginator": page.paginator},
    )


@require_GET
@login_required
def my_learning(request):
    """The learner's courses: in progress with a continue link, and completed."""
    states = my_learning_states(request.user)
    catalogue_url = getattr(CourseIndexPage.objects.live().first(), "url", "")
    return render(
        request,
        "courses/my_learning.html",
        {
            "in_progress": [s for s in states if not s.is_complete],
            "completed": [s for s in states if s.is_complete],
            "certificates": my_certificates(request.user),
            "events": [r for r in registrations_of_learner(request.user) if r.webinar.is_upcoming()],
            "catalogue_url": catalogue_url,
        },
    )
