"""Fixtures shared by the whole suite: a real Redis for the session, a temporary media folder,
the site's page tree, users in their groups, and Celery worker processes on demand."""

import pytest
from django.contrib.auth.models import Group

from tests.services import CeleryWorker, RecordingHandler, RedisServer, free_port

# Browser fixtures (one Chromium for the session) for tests/e2e/ and any other browser test.
pytest_plugins = ["tests.browser"]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """One real Redis server for the session (for each xdist worker): the caches (sessions,
    rate limits, the page cache and fragments, as in production) and the Celery broker."""
    from django.test.utils import override_settings

    from elearning.celery import app
    from elearning.settings.base import redis_caches

    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    app.conf.broker_url = server.url
    caches = override_settings(
        CACHES=redis_caches(server.url), REDIS_URL=server.url, CELERY_BROKER_URL=server.url
    )
    caches.enable()
    yield server
    caches.disable()
    server.stop()


@pytest.fixture(autouse=True)
def _redis_broker(redis_server, settings):
    settings.REDIS_URL = redis_server.url
    settings.CELERY_BROKER_URL = redis_server.url


@pytest.fixture(autouse=True)
def _empty_cache(redis_server):
    """Every test starts with empty caches: allauth's rate limits (e.g. one confirmation email
    per address every few minutes), Wagtail's cached site paths and stored pages must not leak
    between tests."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request under /en/ leaves English active in the thread; tests that run next and build
    page URLs outside a request (page.url) would get /en/ addresses."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def celery_worker(redis_server, media_root, tmp_path, django_db_serialized_rollback, transactional_db):
    """A real Celery worker process on the session's Redis and the test database."""
    from django.db import connection

    from elearning.celery import app

    app.control.purge()  # messages published by earlier tests whose rows are gone
    worker = CeleryWorker(
        redis_url=redis_server.url,
        db_name=connection.settings_dict["NAME"],
        media_root=media_root,
        log_path=tmp_path / "celery-worker.log",
    ).start()
    yield worker
    worker.stop()


# Celery workers (each with beat if asked) that send to the `smtp_server`: the fault tests and the
# journeys whose emails are the point start them.
@pytest.fixture
def start_worker(redis_server, media_root, tmp_path, smtp_server, settings, transactional_db):
    """Start Celery worker processes (each with beat if asked) on the test database, Redis and
    the SMTP server; all are stopped at the end."""
    from django.db import connection

    from elearning.celery import app

    app.control.purge()
    started = []
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    def start(*, concurrency=2, beat=True, name="worker", env=None):
        worker = CeleryWorker(
            redis_url=redis_server.url,
            db_name=connection.settings_dict["NAME"],
            media_root=media_root,
            private_root=settings.PRIVATE_MEDIA_ROOT,
            log_path=tmp_path / f"{name}-{len(started)}.log",
            concurrency=concurrency,
            beat=beat,
            extra_env={
                "ELEARNING_TEST_EMAIL_URL": smtp_server.url,
                "CERTIFICATE_REQUEUE_AFTER": "4",
                "CERTIFICATE_REQUEUE_EVERY": "2",
                "CERTIFICATE_RETRY_BACKOFF": "1",
                "CERTIFICATE_RETRY_BACKOFF_MAX": "2",
                "CERTIFICATE_MAX_RETRIES": "40",
                **(env or {}),
            },
        ).start()
        started.append(worker)
        return worker

    start.workers = started
    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def home_page(db):
    """The site's HomePage at the root of the default Site."""
    from tests.factories import make_home_page

    return make_home_page()


@pytest.fixture
def course_index(home_page):
    from courses.models import CourseIndexPage

    return home_page.add_child(instance=CourseIndexPage(title="Kursy", slug="kursy", show_in_menus=True))


@pytest.fixture
def webinar_index(home_page):
    from webinars.models import WebinarIndexPage

    return home_page.add_child(
        instance=WebinarIndexPage(title="Webinaria", slug="webinaria", show_in_menus=True)
    )


@pytest.fixture
def editor(db, django_user_model):
    """A member of the Editors group (made by a migration), not a superuser."""
    user = django_user_model.objects.create_user("redaktor", "redaktor@example.org", "haslo-redaktora")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def coordinator(db, django_user_model):
    """A member of the Coordinators group (made by a migration), limited to no courses."""
    user = django_user_model.objects.create_user("koordynator", "k@example.org", "haslo-koordynatora")
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) in the test process, recording what it accepts; it can be
    told to refuse mail (`refusing.set()`)."""
    from aiosmtpd.controller import Controller

    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.url = f"smtp://127.0.0.1:{controller.port}"
    yield handler
    controller.stop()


# A learner's site: a course with a lesson cut from an uploaded recording with synced slides and
# chapters, a quiz with a failed attempt, a webinar, and an issued certificate. Used by the
# layout and accessibility tests (tests/e2e/test_learner_pages_layout.py) and the HTML checker.
LEARNER_SLIDES = [("Po co mikrogranty", "Małe kwoty, szybkie decyzje."), ("Wyniki badań", "Co mówią gminy.")]


@pytest.fixture
def learner_site(home_page, course_index, webinar_index, django_user_model, test_video):
    from django.core.files import File
    from django.utils import timezone

    from certificates.models import Certificate
    from courses.models import Enrolment
    from courses.services import enrolment_create, quiz_attempt_start, quiz_attempt_submit
    from tests.factories import make_course, make_deck, make_lesson, make_quiz, make_webinar, wrong_answers

    learner = django_user_model.objects.create_user(
        "marta", "marta@example.org", "haslo-marty-123", display_name="Marta Kowalska-Wiśniewska"
    )
    with test_video.open("rb") as handle:
        webinar, part = make_webinar(
            webinar_index,
            title="Mikrogranty jako narzędzie budowania aktywności społecznej",
            video_file=File(handle, name="test.webm"),
            duration_seconds=20,
            chapters=[(2, "Wprowadzenie"), (10, "Wyniki badań w gminach wiejskich i miejskich")],
        )
    deck = make_deck("Mikrogranty", LEARNER_SLIDES)
    course = make_course(course_index, title="Mikrogranty w gminie – jak zaplanować program")
    lesson = make_lesson(course, title="Dlaczego gminy wybierają mikrogranty", part=part, start=0, end=18,
                         deck=deck, timecodes=[(1, 0), (2, 6)])  # fmt: skip
    quiz = make_quiz(course, answers_shown="never")
    enrolment = enrolment_create(learner=learner, course=course)
    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
    attempt = quiz_attempt_submit(attempt=attempt, answers=wrong_answers(attempt))
    certificate = Certificate.objects.create(
        learner=learner, course=course, enrolment=Enrolment.objects.get(pk=enrolment.pk), state="issued",
        learner_name=learner.display_name, course_title=course.title, completed_on=timezone.localdate(),
        rendered_at=timezone.now(),
    )  # fmt: skip
    from tests.factories import make_live_webinar
    from webinars.live_events import registration_create

    live = make_live_webinar(
        webinar_index, title="Fundusz sąsiedzki – jak wspierać mieszkańców",
        summary="<p>Seminarium na żywo.</p>",
        starts_at=timezone.now().replace(microsecond=0) + timezone.timedelta(days=7), seat_limit=30,
        meeting_url="https://meet.example.org/fundusz",
    )  # fmt: skip
    registration = registration_create(webinar=live, user=learner)
    # The course's last step is the live seminar (the learner registered: the lesson shows the
    # join link).
    from courses.models import LessonPage

    live_step = LessonPage(
        title="Seminarium na żywo: fundusz sąsiedzki", intro="Spotkanie na żywo z ekspertami.",
        body=[("text", "<p>Program seminarium.</p>")], live_event=live, attendance_share=60,
    )  # fmt: skip
    course.add_child(instance=live_step)
    live_step.save_revision().publish()
    return {
        "learner": learner, "course": course, "lesson": lesson, "quiz": quiz, "attempt": attempt,
        "webinar": webinar, "certificate": certificate, "live": live, "registration": registration,
        "live_step": live_step,
    }  # fmt: skip


def learner_pages(site):
    """The pages a learner meets, logged in (the login, sign-up and reset pages are public)."""
    from django.urls import reverse

    return [
        "/",
        "/kursy/",
        site["course"].url,
        site["lesson"].url,
        site["quiz"].url,
        reverse("quiz_attempt_result", args=[site["attempt"].pk]),
        "/webinaria/",
        site["webinar"].url,
        reverse("my_learning"),
        reverse("search") + "?q=mikrogranty",
        reverse("accounts:profile"),
        reverse("certificate_verify", args=[site["certificate"].verification_id]),
        reverse("certificate_lookup"),
        site["live"].url,
        reverse("webinar_register", args=[site["live"].pk]),
        reverse("webinar_registration_cancel", args=[site["registration"].token]),
        site["live_step"].url,
    ]
