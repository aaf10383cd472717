"""Median time of one progress save, end to end through Django (URL routing, CSRF-exempt test
client, JSON parsing, validation, the revision-checked read-merge-write), on the configured database.

    DJANGO_SETTINGS_MODULE=elearning.settings.test .venv/bin/python benchmarks/progress_save.py [N]

Not a test: it prints numbers. It builds its own throwaway test database and removes it."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.test")
os.environ.setdefault("ELEARNING_TEST_SQLITE", "/tmp/elearning-bench.sqlite3")


def main(saves: int) -> None:
    import django

    django.setup()
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(saves)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def run(saves: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from courses.models import CourseIndexPage
    from courses.services import enrolment_create
    from tests.factories import make_course, make_home_page, make_lesson, make_webinar
    from webinars.models import WebinarIndexPage

    home = make_home_page()
    catalogue = home.add_child(instance=CourseIndexPage(title="Kursy", slug="kursy"))
    webinars = home.add_child(instance=WebinarIndexPage(title="Webinaria", slug="webinaria"))
    _webinar, part = make_webinar(webinars, duration_seconds=3600)
    course = make_course(catalogue)
    lesson = make_lesson(course, part=part, start=0, end=3000)
    learner = get_user_model().objects.create_user("bench", "bench@example.org", "bench-password-1")
    enrolment_create(learner=learner, course=course)
    segment = next(iter(lesson.video_segments()))
    client = Client()
    client.force_login(learner)

    timings = []
    for n in range(saves):
        body = json.dumps(
            {
                "lesson": lesson.pk,
                "segment": segment,
                "position": n * 10 + 10,
                "ranges": [[n * 10, n * 10 + 10]],
            }
        )
        started = time.perf_counter()
        response = client.post("/nauka/postep/", body, content_type="application/json")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    timings.sort()
    print(
        f"{saves} progress saves on {connection_vendor()}: median {statistics.median(timings):.2f} ms, "
        f"p95 {timings[int(0.95 * len(timings)) - 1]:.2f} ms, max {timings[-1]:.2f} ms"
    )


def connection_vendor():
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
