"""The whole-page cache for anonymous visitors, on a real Redis server: pages are served from it,
purged on publish and on content changes, and never hold a draft or a logged-in person's page."""

import pytest
from django.core.cache import caches

from elearning.settings.base import page_cache_url
from home.models import TopicArea
from tests.factories import make_course, make_lesson, make_topic


@pytest.fixture(autouse=True)
def page_cache(settings, redis_server):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": page_cache_url(redis_server.url),
        },
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def course(course_index):
    course = make_course(course_index, title="Mikrogranty w gminie", slug="mikrogranty",
                         topic=make_topic("Aktywność", "aktywnosc"))  # fmt: skip
    make_lesson(course, title="Czym są mikrogranty")
    return course


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, response.content.decode()


def test_anonymous_pages_come_from_the_cache(client, course, django_assert_max_num_queries):
    first, html = get(client, course.url)
    assert "X-Page-Cache" not in first and first["Cache-Control"] == "no-cache"
    with django_assert_max_num_queries(0):
        second, cached = get(client, course.url)
    assert second["X-Page-Cache"] == "hit" and cached == html
    assert second["Cache-Control"] == "no-cache" and "Expires" not in second


def test_publishing_purges(client, course, django_capture_on_commit_callbacks):
    get(client, course.url)
    course.title = "Mikrogranty w gminie – wydanie 2"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    response, html = get(client, course.url)
    assert "X-Page-Cache" not in response and "wydanie 2" in html


def test_a_draft_is_never_served(client, course):
    get(client, course.url)
    course.title = "Szkic, którego nikt nie widzi"
    course.save_revision()  # saved, not published
    for _ in range(2):
        _response, html = get(client, course.url)
        assert "Szkic, którego nikt nie widzi" not in html


def test_content_outside_the_tree_purges(client, course, course_index, django_capture_on_commit_callbacks):
    _response, html = get(client, course_index.url)
    assert "Aktywność" in html
    TopicArea.objects.filter(slug="aktywnosc").update(name="x")  # a bulk update sends no signal
    topic = TopicArea.objects.get(slug="aktywnosc")
    topic.name = "Aktywność obywatelska"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()
    response, html = get(client, course_index.url)
    assert "X-Page-Cache" not in response and "Aktywność obywatelska" in html


def test_a_learners_page_never_reaches_another(client, course, django_user_model, page_cache):
    learner = django_user_model.objects.create_user(
        "zofia", "zofia@example.org", "haslo-zofii-123", display_name="Zofia Łęcka"
    )
    anonymous, anonymous_html = get(client, "/")
    client.force_login(learner)
    for url in ("/", course.url):
        response, html = get(client, url)
        assert "X-Page-Cache" not in response and "Moja nauka" in html  # their own page
        response, html = get(client, url)
        assert "X-Page-Cache" not in response and "Moja nauka" in html
    client.logout()
    for url in ("/", course.url):
        _response, html = get(client, url)
        assert "Moja nauka" not in html and "Zofia" not in html
    assert get(client, "/")[1] == anonymous_html


def test_only_wagtail_pages_are_cached(client, course):
    for url in ("/szukaj/?q=mikrogranty", "/healthz/", "/konto/login/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def test_off_when_the_setting_is_zero(client, course, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, course.url)
    assert "X-Page-Cache" not in get(client, course.url)[0]


def test_purged_only_after_commit(client, course, django_capture_on_commit_callbacks):
    """The purge waits for the commit, so a request reading the old content meanwhile cannot
    refill the cache for long."""
    get(client, course.url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        course.title = "Nowy tytuł"
        course.save_revision().publish()
    assert client.get(course.url)["X-Page-Cache"] == "hit"  # not committed yet
    for callback in callbacks:
        callback()
    assert "Nowy tytuł" in get(client, course.url)[1]


def test_a_learner_sees_a_newly_published_lesson(client, course, django_user_model,
                                                 django_capture_on_commit_callbacks):  # fmt: skip
    """Logged-in pages skip the page cache but share the cached syllabus, purged on publish."""
    from courses.services import enrolment_create

    learner = django_user_model.objects.create_user("jan", "jan@example.org", "haslo-jana-1234")
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    assert "Druga lekcja" not in get(client, course.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        make_lesson(course, title="Druga lekcja")
    assert "Druga lekcja" in get(client, course.url)[1]


def test_routes_are_cached_and_follow_changes(
    client, course, django_user_model, django_capture_on_commit_callbacks
):
    """Logged-in requests find pages through the route cache, and a moved or unpublished page
    is not found at its old address."""
    learner = django_user_model.objects.create_user("ewa", "ewa@example.org", "haslo-ewy-12345")
    client.force_login(learner)
    lesson = course.get_children().first().specific
    old_url = lesson.url
    get(client, old_url)
    uncached_queries = len(_queries(client, old_url))
    assert caches["pages"].get(f"route:testserver:pl:{old_url.lstrip('/')}") is not None
    assert len(_queries(client, old_url)) == uncached_queries  # steady: the route is cached
    with django_capture_on_commit_callbacks(execute=True):
        lesson.slug = "nowy-adres"
        lesson.save_revision().publish()
    lesson.refresh_from_db()
    moved = client.get(old_url)  # not found there any more, so Wagtail's redirect answers
    assert moved.status_code == 301 and moved.url == lesson.url
    assert "Czym są mikrogranty" in get(client, lesson.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_the_route_cache_saves_queries(client, course, django_user_model, settings):
    learner = django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-12345")
    client.force_login(learner)
    url = course.get_children().first().url
    get(client, url)
    with_routes = len(_queries(client, url))
    settings.PAGE_CACHE_SECONDS = 0
    get(client, url)
    without = len(_queries(client, url))
    assert with_routes <= without - 3, (with_routes, without)


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return captured.captured_queries
