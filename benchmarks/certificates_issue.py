"""Certificates issued per second, end to end, with one Celery worker process (concurrency 1):
learners complete a course, the worker renders each PDF (WeasyPrint), stores it and emails it
to a local SMTP server (aiosmtpd) in this process. Timed from the first completion to the last
email accepted.

    DJANGO_SETTINGS_MODULE=elearning.settings.test .venv/bin/python benchmarks/certificates_issue.py [N]

Not a test: it prints numbers. It builds its own throwaway test database, Redis and folders."""

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.test")
os.environ.setdefault("ELEARNING_TEST_SQLITE", "/tmp/elearning-bench-certificates.sqlite3")


class CountingHandler:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def main(learners: int) -> None:
    import django

    work = Path(tempfile.mkdtemp(prefix="bench-certificates-"))
    os.environ["PRIVATE_MEDIA_ROOT"] = str(work / "private")
    os.environ["MEDIA_ROOT"] = str(work / "media")
    django.setup()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from elearning.celery import app
    from tests.services import CeleryWorker, RedisServer, free_port

    setup_test_environment()
    settings.PRIVATE_MEDIA_ROOT = work / "private"
    settings.MEDIA_ROOT = work / "media"
    redis = RedisServer(work).start()
    app.conf.broker_url = redis.url
    handler = CountingHandler()
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    worker = CeleryWorker(
        redis_url=redis.url,
        db_name=connection.settings_dict["NAME"],
        media_root=work / "media",
        private_root=work / "private",
        log_path=work / "worker.log",
        concurrency=1,
        extra_env={"ELEARNING_TEST_EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"},
    ).start()
    try:
        run(learners, handler)
    finally:
        worker.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        smtp.stop()
        redis.stop()


def run(learners: int, handler: CountingHandler) -> None:
    from django.contrib.auth import get_user_model

    from courses.models import CourseIndexPage
    from courses.services import enrolment_create, lesson_mark_done
    from tests.factories import make_course, make_home_page, make_lesson

    home = make_home_page()
    catalogue = home.add_child(instance=CourseIndexPage(title="Kursy", slug="kursy"))
    course = make_course(catalogue, title="Fundusz sąsiedzki – źródła i ścieżki")
    lesson = make_lesson(course, title="Lekcja")
    users = []
    for n in range(learners):
        user = get_user_model().objects.create_user(
            f"u{n}", f"u{n}@example.org", "bench-password-1", display_name=f"Zofia Łęcka {n}"
        )
        enrolment_create(learner=user, course=course)
        users.append(user)
    # Warm the worker up (imports, fonts) with one certificate before timing.
    lesson_mark_done(learner=users[0], lesson=lesson)
    wait(lambda: handler.count >= 1, 120)
    started = time.perf_counter()
    for user in users[1:]:
        lesson_mark_done(learner=user, lesson=lesson)
    completed = time.perf_counter()
    wait(lambda: handler.count >= learners, 600)
    elapsed = time.perf_counter() - started
    issued = learners - 1
    print(f"Completions recorded: {issued} in {completed - started:.2f} s")
    print(f"Certificates issued end to end (PDF, storage, email), one worker: {issued} in {elapsed:.2f} s")
    print(f"  {issued / elapsed:.1f} certificates per second, {1000 * elapsed / issued:.0f} ms each")


def wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("Timed out waiting for the worker")
        time.sleep(0.05)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 101)
