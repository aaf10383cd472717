"""Coordinator reports on a site of a named size (M by default) on PostgreSQL: the time of each
report's first page, and the time and peak memory of the full CSV and XLSX exports of the
largest course, next to the export of a small course (memory must not grow with the rows).

    scripts/with-postgres.sh .venv/bin/python benchmarks/reports.py [S|M|L]

Not a test: it prints numbers. It needs DATABASE_URL pointing at an empty PostgreSQL database
(scripts/with-postgres.sh makes a throwaway one); it migrates it, loads the demo content and
runs create_random_data."""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.test")

RUNS = 5


def timed_get(client, url, **params):
    started = time.perf_counter()
    response = client.get(url, params)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    assert response.status_code == 200, (url, response.status_code)
    return time.perf_counter() - started, size


def export_memory(client, url, fmt):
    """Peak Python memory while the export is produced and read, in MB, and the rows."""
    tracemalloc.start()
    response = client.get(url, {"export": fmt})
    lines = 0
    if response.streaming:
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
    else:
        lines = len(response.content)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, lines


def main(size: str) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from courses.models import CoursePage, Enrolment, QuizPage

    if connection.vendor != "postgresql":
        sys.exit("Run it on PostgreSQL: scripts/with-postgres.sh .venv/bin/python benchmarks/reports.py")
    assert not settings.DEBUG
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    started = time.perf_counter()
    call_command("create_random_data", size)
    print(f"create_random_data {size}: {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    User = get_user_model()
    coordinator = User.objects.create_user("bench-coordinator", "bench@example.org", "bench-password-1")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client = Client()
    client.force_login(coordinator)

    by_size = Enrolment.objects.values("course").annotate(n=Count("pk")).order_by("-n")
    largest, smallest = by_size.first(), by_size.last()
    learner = Enrolment.objects.values("learner").annotate(n=Count("pk")).order_by("-n").first()["learner"]
    quiz = QuizPage.objects.live().child_of(CoursePage.objects.get(pk=largest["course"])).first()
    print(
        f"Largest course: {largest['n']} learners; smallest: {smallest['n']}; "
        f"learners in all: {User.objects.filter(enrolments__isnull=False).distinct().count()}; "
        f"enrolments: {Enrolment.objects.count()}"
    )

    pages = [
        ("Courses overview", "/admin/reports/courses/"),
        ("One course (largest)", f"/admin/reports/courses/{largest['course']}/"),
        ("Learners", "/admin/reports/learners/"),
        ("One learner (most courses)", f"/admin/reports/learners/{learner}/"),
        ("Quiz statistics", "/admin/reports/quizzes/"),
        ("One quiz (largest course)", f"/admin/reports/quizzes/{quiz.pk}/"),
        ("Certificates", "/admin/certificates/"),
    ]
    print(f"\n{'Report, first page':34} {'first':>8} {'median':>8} {'queries':>8}")
    for name, url in pages:
        first, _size = timed_get(client, url)
        times = [timed_get(client, url)[0] for _ in range(RUNS)]
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"{name:34} {first * 1000:7.0f}ms {statistics.median(times) * 1000:7.0f}ms {len(queries):8}")

    print(f"\n{'Full export':34} {'rows':>8} {'time':>8} {'peak MB':>8}")
    for label, course in (("largest", largest), ("smallest", smallest)):
        url = f"/admin/reports/courses/{course['course']}/"
        for fmt in ("csv", "xlsx"):
            seconds, _size = timed_get(client, url, export=fmt)
            peak, _lines = export_memory(client, url, fmt)
            print(f"{f'One course ({label}), {fmt.upper()}':34} {course['n']:8} {seconds:7.2f}s {peak:8.1f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "M")
