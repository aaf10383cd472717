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
            "BACKEND": "elearning.cache.RedisCache",
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


# Logged-in pages: what every visitor shares comes from the page cache --------------------------


@pytest.fixture
def learner_client(client, course, django_user_model):
    from courses.services import enrolment_create

    learner = django_user_model.objects.create_user("iga", "iga@example.org", "haslo-igi-12345")
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    return client


@pytest.mark.parametrize("lessons", [1, 6])
def test_a_learners_course_and_lesson_pages_query_only_their_own_records(
    learner_client, course, lessons, django_assert_max_num_queries
):
    """Once warm: the enrolment with the progress (no quiz in this course; the user comes from the
    cache, elearning/accounts/user_cache.py). Routing,
    view restrictions, the course, the site, its settings, menus, breadcrumbs and the lesson's
    body all come from the page cache, whatever the number of lessons."""
    for number in range(1, lessons):
        make_lesson(course, title=f"Lekcja {number}")
    lesson = course.get_children().first().specific
    for url in (course.url, lesson.url):
        get(learner_client, url)
        with django_assert_max_num_queries(1):
            get(learner_client, url)


def test_each_learner_sees_their_own_syllabus_from_the_cached_fragments(
    learner_client, course, django_user_model
):
    """Syllabi are kept per learner state: a second learner, not enrolled, then enrolled, and the
    first one after completing a step each see their own, at once."""
    from django.test import Client

    from courses.services import enrolment_create, lesson_mark_done
    from tests.factories import make_quiz

    second = make_lesson(course, title="Druga lekcja")
    quiz = make_quiz(course)
    course.sequential = True
    course.save_revision().publish()
    first = course.get_children().first().specific
    anna = django_user_model.objects.get(username="iga")
    other = django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-12345")
    other_client = Client()
    other_client.force_login(other)

    def states(client):
        html = get(client, course.url)[1]
        marks = ("✓ Ukończone", "Nierozpoczęta", "Otworzy się po poprzednim kroku", "Nierozwiązany")
        return [html.count(mark) for mark in marks]

    def nav(client, lesson):
        html = get(client, lesson.url)[1]
        return html.count("syllabus-nav--done"), html.count('class="syllabus__locked"')

    assert states(learner_client) == [0, 1, 1, 1]
    assert states(other_client) == [0, 0, 2, 0]  # not enrolled: later steps open in order
    enrolment_create(learner=other, course=course)
    assert states(other_client) == [0, 1, 1, 1]
    assert nav(other_client, first) == (0, 2)
    lesson_mark_done(learner=anna, lesson=first)
    assert states(learner_client) == [1, 1, 0, 1]
    assert nav(learner_client, first) == nav(learner_client, second) == (1, 1)  # the quiz locked
    assert states(other_client) == [0, 1, 1, 1] and nav(other_client, first) == (0, 2)
    assert quiz.pk in {item.pk for item in course.syllabus()}


def test_a_lessons_body_follows_publishing_for_learners(
    learner_client, course, django_capture_on_commit_callbacks
):
    lesson = course.get_children().first().specific
    assert "Treść lekcji." in get(learner_client, lesson.url)[1]
    lesson.body = [("text", "<p>Nowa treść po poprawkach.</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    html = get(learner_client, lesson.url)[1]
    assert "Nowa treść po poprawkach." in html and "Treść lekcji." not in html


def test_a_preview_shows_the_draft_not_the_cached_body(learner_client, course):
    lesson = course.get_children().first().specific
    get(learner_client, lesson.url)  # the live body is now in the page cache
    draft = lesson.get_latest_revision_as_object()
    draft.body = [("text", "<p>Szkic nowej treści.</p>")]
    draft.save_revision()  # the next revision, not published
    html = draft.make_preview_request().content.decode()
    assert "Szkic nowej treści." in html
    assert "Szkic nowej treści." not in get(learner_client, lesson.url)[1]


def test_view_restrictions_hold_for_cached_routes(learner_client, course, django_capture_on_commit_callbacks):
    """A route kept in the cache carries the page's restrictions; adding one purges it."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    get(learner_client, course.url)  # the route is cached, unrestricted
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=course, restriction_type="groups")
        restriction.groups.add(Group.objects.get(name="Editors"))
    for _ in range(2):  # the first request caches the route again, the second reads it
        assert learner_client.get(course.url).status_code in (302, 403)
        assert learner_client.get(course.get_children().first().url).status_code in (302, 403)


def test_the_editors_userbar_only_for_people_who_may_edit(learner_client, course, django_user_model):
    """The answer is kept in the session: a learner's pages don't ask for permissions each time,
    and a new editor gets the userbar at their next login."""
    from django.contrib.auth.models import Group

    assert "wagtail-userbar" not in get(learner_client, course.url)[1]
    learner = django_user_model.objects.get(username="iga")
    learner.groups.add(Group.objects.get(name="Editors"))
    assert "wagtail-userbar" not in get(learner_client, course.url)[1]
    learner_client.force_login(learner)
    assert "wagtail-userbar" in get(learner_client, course.url)[1]


def test_site_settings_come_from_the_cache_and_follow_changes(
    learner_client, course, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from home.models import SiteSettings

    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    get(learner_client, course.url)
    settings_.organisation_name = "Instytut Testowy"
    with django_capture_on_commit_callbacks(execute=True):
        settings_.save()
    assert "Instytut Testowy" in get(learner_client, course.url)[1]


def test_the_workers_own_copies_go_with_a_purge(learner_client, course, page_cache):
    """What a worker keeps in memory belongs to one generation of the page cache: after a purge
    the next request reads afresh."""
    from home import page_cache as module

    get(learner_client, course.url)
    assert module._local  # the worker kept copies
    course.title = "Tytuł zmieniony bez publikacji sygnałem"
    type(course).objects.filter(pk=course.pk).update(title=course.title)  # no signal, no purge
    assert "Tytuł zmieniony" not in get(learner_client, course.url)[1]  # still the cached page
    module.purge_now(second=False)
    assert "Tytuł zmieniony" in get(learner_client, course.url)[1]


def test_one_redis_client_per_pool(page_cache):
    client = page_cache._cache.get_client()
    assert client is page_cache._cache.get_client()
    page_cache.set("k", "v")
    assert page_cache.get("k") == "v"


def test_another_workers_purge_is_seen_within_the_recheck_time(
    learner_client, course, page_cache, settings, monkeypatch
):
    """A purge made by another worker (here: the cache emptied directly) reaches this worker's
    copies once PAGE_CACHE_RECHECK_SECONDS have passed, not before."""
    import time

    from home import page_cache as module

    settings.PAGE_CACHE_RECHECK_SECONDS = 60
    module._last_check[:] = [float("-inf"), None]
    get(learner_client, course.url)
    type(course).objects.filter(pk=course.pk).update(title="Tytuł po cichu")
    page_cache.clear()
    assert "Tytuł po cichu" not in get(learner_client, course.url)[1]  # this worker's copy
    later = time.monotonic() + 61
    monkeypatch.setattr(module.time, "monotonic", lambda: later)
    assert "Tytuł po cichu" in get(learner_client, course.url)[1]


def test_a_workers_copy_lasts_no_longer_than_the_cache_keeps_it(page_cache, settings, monkeypatch):
    """A change that missed its purge ages out of a worker's memory as it does out of Redis."""
    import time

    from home import page_cache as module

    token = module._generation.set(module._current_generation())
    try:
        assert module.cached("answer", lambda: "old") == "old"
        page_cache.delete("answer")  # Redis let it expire; the generation is unchanged
        assert module.cached("answer", lambda: "new") == "old"  # the worker's copy
        later = time.monotonic() + settings.PAGE_CACHE_SECONDS + 1
        monkeypatch.setattr(module.time, "monotonic", lambda: later)
        assert module.cached("answer", lambda: "new") == "new"
    finally:
        module._generation.reset(token)


def test_the_purge_command_empties_the_cache(page_cache):
    from django.core.management import call_command

    page_cache.set("route:x", "stale")
    call_command("purge_page_cache", stdout=__import__("io").StringIO())
    assert page_cache.get("route:x") is None


def test_progress_saves_and_quiz_submissions_query_only_what_they_write(
    learner_client, course, webinar_index, django_assert_max_num_queries
):
    """With the lesson, the quiz and the user in the caches: a progress save reads the enrolment
    with the progress row and writes the row; a submission reads the attempt, records it, notes
    the activity and checks completion (lock, progress, attempts), inside one transaction."""
    import json

    from courses.services import quiz_attempt_start
    from tests.factories import make_quiz, make_webinar, right_answers

    _webinar, part = make_webinar(webinar_index, duration_seconds=600)
    video = make_lesson(course, title="Wideo", part=part, start=0, end=300)
    quiz = make_quiz(course)
    segment = next(iter(video.video_segments()))

    def save(start):
        body = {"lesson": video.pk, "segment": segment, "position": start + 5, "ranges": [[start, start + 5]]}
        response = learner_client.post("/nauka/postep/", json.dumps(body), content_type="application/json")
        assert response.status_code == 200

    save(0)  # creates the row, fills the caches
    for start in (5, 10):
        with django_assert_max_num_queries(2):
            save(start)
    learner = learner_client.get("/moja-nauka/").wsgi_request.user
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    url = f"/nauka/podejscie/{attempt.pk}/wyslij/"
    assert learner_client.post(url, {}).status_code == 400  # unanswered: the quiz is now cached
    # The savepoint and its release stand for BEGIN and COMMIT (the test runs in a transaction).
    with django_assert_max_num_queries(8):
        response = learner_client.post(url, right_answers(attempt))
    assert response.status_code == 302
