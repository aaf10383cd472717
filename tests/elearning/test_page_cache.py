"""The anonymous page cache on the suite's real Redis (the test settings run it as production
does): pages are served from it, a publish or a change of registered content raises the
generation once per transaction, and nothing personal, draft, unknown or static is touched."""

import pytest
from django.core.checks import run_checks
from django.core.management import call_command

from common.models import TopicArea
from elearning import page_cache as module
from tests.factories import make_course, make_lesson, make_topic

# Real commits: a purge waits for the commit of the change, as in production (one test
# transaction would hold every purge of the test back).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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
    assert "X-Page-Cache" not in first
    with django_assert_max_num_queries(0):
        second, cached = get(client, course.url)
    assert second["X-Page-Cache"] == "hit" and cached == html
    # The page's own headers, as the view gave them: nothing added for browsers.
    assert "no-cache" not in second.get("Cache-Control", "") and "Expires" not in second
    assert second["Content-Type"] == first["Content-Type"] and second["Content-Language"] == "pl"


def test_a_port_in_the_host_is_the_same_page(client, course):
    get(client, course.url)
    assert client.get(course.url, HTTP_HOST="testserver:8080")["X-Page-Cache"] == "hit"


def test_hosts_of_no_site_are_not_cached(client, course):
    for _ in range(2):
        response = client.get(course.url, HTTP_HOST="elsewhere.example")
        assert response.status_code == 200 and "X-Page-Cache" not in response


def test_unknown_query_parameters_are_not_cached(client, course, course_index):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get(f"{course.url}?utm_source=newsletter")
    get(client, f"{course_index.url}?topic=aktywnosc")
    assert client.get(f"{course_index.url}?topic=aktywnosc")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get(f"{course_index.url}?topic=aktywnosc&utm_source=x")
    for odd in ("?topic=a&topic=b", f"?topic={'x' * 41}"):  # repeated, or too long to be a value
        for _ in range(2):
            assert "X-Page-Cache" not in client.get(f"{course_index.url}{odd}")


def test_other_cookies_leave_pages_cacheable(client, course):
    client.cookies["_pk_id"] = "analytics"
    client.cookies["csrftoken"] = "x" * 32
    get(client, course.url)
    assert client.get(course.url)["X-Page-Cache"] == "hit"


def test_a_page_that_used_a_csrf_token_or_the_session_is_never_stored(rf):
    """The middleware is last, so it sees a response before the CSRF and session middleware set
    their cookies: a page with a form (a CSRF token) or a changed session is refused on those
    grounds, whatever its cookies."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse
    from django.urls import ResolverMatch

    def request(**meta):
        made = rf.get("/kursy/", **meta)
        made.resolver_match = ResolverMatch(lambda r: None, (), {}, url_name="wagtail_serve")
        made.user, made.session = AnonymousUser(), SessionStore()
        return made

    assert module._storable(request(), HttpResponse("ok"))
    assert not module._storable(request(CSRF_COOKIE_NEEDS_UPDATE=True), HttpResponse("ok"))
    changed = request()
    changed.session["visited"] = True
    assert not module._storable(changed, HttpResponse("ok"))


def test_static_files_keep_their_own_headers(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "no-cache" not in response.get("Cache-Control", "") and "X-Page-Cache" not in response


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
    topic = TopicArea.objects.get(slug="aktywnosc")
    topic.name = "Aktywność obywatelska"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()
    response, html = get(client, course_index.url)
    assert "X-Page-Cache" not in response and "Aktywność obywatelska" in html


def test_a_learners_page_never_reaches_another(client, course, django_user_model):
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


def test_purged_only_after_commit(client, course):
    """The generation is raised once the change commits, so a request reading the old content
    meanwhile cannot store it under the new generation."""
    from django.db import transaction

    get(client, course.url)
    before = module.generation()
    with transaction.atomic():
        course.title = "Nowy tytuł"
        course.save_revision().publish()
        assert module.generation() == before
    assert module.generation() != before
    assert "Nowy tytuł" in get(client, course.url)[1]


def test_one_transaction_raises_the_generation_once(course, monkeypatch):
    from django.db import transaction

    from webinars.models import Speaker

    raised = []
    real = module.raise_generation
    monkeypatch.setattr(module, "raise_generation", lambda: raised.append(real()))
    with transaction.atomic():
        for number in range(5):
            TopicArea.objects.create(name=f"Obszar {number}", slug=f"obszar-{number}")
        Speaker.objects.create(name="Anna Kowalska")
        assert raised == []
    assert len(raised) == 1


def test_only_registered_models_raise_it(learner_client, course, django_capture_on_commit_callbacks):
    """A learner's records are not public content: saving them queues nothing."""
    from courses.models import Enrolment

    assert {"common.topicarea", "webinars.slidedeck", "wagtailcore.site"} <= module.public_models()
    enrolment = Enrolment.objects.get()
    with django_capture_on_commit_callbacks() as callbacks:
        enrolment.save()
    assert module.raise_generation not in callbacks


def test_the_page_cache_must_have_a_redis_database_of_its_own(settings):
    assert not [error for error in run_checks() if error.id == "elearning.E001"]
    # The suite's one Redis server holds both: the memory policy would be shared.
    assert [warning for warning in run_checks() if warning.id == "elearning.W002"]
    settings.CACHES = {**settings.CACHES, "pages": settings.CACHES["default"]}
    errors = [error for error in run_checks() if error.id == "elearning.E001"]
    assert errors and "the default cache" in errors[0].msg


def test_a_learner_sees_a_newly_published_lesson(client, course, django_user_model,
                                                 django_capture_on_commit_callbacks):  # fmt: skip
    from courses.services import enrolment_create

    learner = django_user_model.objects.create_user("jan", "jan@example.org", "haslo-jana-1234")
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    assert "Druga lekcja" not in get(client, course.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        make_lesson(course, title="Druga lekcja")
    assert "Druga lekcja" in get(client, course.url)[1]


# Logged-in pages: content fragments are shared, nothing per learner ----------------------------


@pytest.fixture
def learner_client(client, course, django_user_model):
    from courses.services import enrolment_create

    learner = django_user_model.objects.create_user("iga", "iga@example.org", "haslo-igi-12345")
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    return client


def test_each_learner_sees_their_own_syllabus(learner_client, course, django_user_model):
    """A second learner, not enrolled, then enrolled, and the first one after completing a step
    each see their own syllabus, at once."""
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


def test_view_restrictions_hold_for_learners(learner_client, course, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    get(learner_client, course.url)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=course, restriction_type="groups")
        restriction.groups.add(Group.objects.get(name="Editors"))
    for _ in range(2):
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


def test_site_settings_follow_changes(client, course, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    from common.models import SiteSettings

    get(client, "/")
    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.organisation_name = "Instytut po zmianie"
    with django_capture_on_commit_callbacks(execute=True):
        settings_.save()
    assert "Instytut po zmianie" in get(client, "/")[1]


def test_the_release_is_part_of_every_key(client, course, monkeypatch):
    """A deploy changes the code's digest: nothing stored by the previous release is served."""
    get(client, course.url)
    assert client.get(course.url)["X-Page-Cache"] == "hit"
    monkeypatch.setenv("RELEASE", "next-release")
    module.release.cache_clear()
    try:
        assert "X-Page-Cache" not in client.get(course.url)
    finally:
        monkeypatch.delenv("RELEASE")
        module.release.cache_clear()


def test_the_purge_command_raises_the_generation(course):
    before = module.generation()
    call_command("purge_page_cache", stdout=__import__("io").StringIO())
    assert module.generation() != before
