"""The site under load: an M-size site (create_random_data) on PostgreSQL and Redis, served by
gunicorn with the production settings on loopback, loaded by wrk at 16 and 64 connections.

    scripts/with-postgres.sh .venv/bin/python benchmarks/load.py [seconds per run]

Scenarios: (a) the bare "ok" view (/healthz/), the ceiling; (b) anonymous pages: home,
catalogue, a course, a lesson, a webinar; (c) logged-in learners (200 distinct sessions, each
enrolled in 3 courses): a course and a lesson (`logged_in`), and My learning (`my_learning`),
beside two floors of any logged-in page: Wagtail's own routing as the learner and nothing more
(`wagtail_floor`) and a standard page (`logged_in_standard`);
(d) logged-in writes: progress saves, and quiz submissions (200 other learners, each submission
its own open attempt), beside two ceilings of any logged-in write on this machine
(benchmarks/ceiling_urls.py): a POST that only passes the middleware as a learner
(`logged_in_post`) and one that also updates one row (`one_write`). gunicorn serves the production
settings with those two addresses added (benchmarks/ceiling_settings.py). Prints
requests per second, p50/p95/p99 latency, errors and the ratio to (a), the peak memory of each
gunicorn worker, and checks that every write was recorded; writes the same to
benchmarks/results/latest.json. Not a test: it prints numbers. It needs
DATABASE_URL pointing at an empty PostgreSQL database (scripts/with-postgres.sh makes one)."""

import datetime
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV = ROOT / ".venv" / "bin"
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
LEARNERS = 200
WRK_THREADS = 2
# One worker per core and one more: PostgreSQL, Redis and wrk run on the same cores, so gunicorn's
# usual 2 x cores + 1 only adds switching between processes (on 2 cores, 3 workers answered a
# logged-in POST about 30% faster than 5, and served pages and writes faster too).
WORKERS = int(os.environ.get("BENCH_WORKERS", (os.cpu_count() or 2) + 1))
WRITES = ("progress_save", "quiz_submit")
# Each progress save reports 5 s played, the stretch after the learner's previous save: the seconds
# recorded count the saves that arrived (a lost one leaves a gap).
PROGRESS_SECONDS = 5


def say(message):
    print(message, flush=True)


def production_env(work: Path, redis_url: str, port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": redis_url,
        "EMAIL_URL": "consolemail://",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "False",  # plain HTTP on loopback; the proxy does TLS in production
        "SERVE_MEDIA": "False",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
    }


def manage(env, *args):
    started = time.perf_counter()
    subprocess.run([str(VENV / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)
    say(f"  manage.py {' '.join(args)}: {time.perf_counter() - started:.0f} s")


def request_line(method, path, cookie="", csrf="", content_type="", body=""):
    for value in (path, cookie, body):
        assert "\t" not in value and "\n" not in value
    return "\t".join([method, path, cookie, csrf, content_type, body])


class Fixture:
    """Learners with sessions, and the request files of each scenario (built in this process
    with the production settings, against the same database gunicorn uses)."""

    def __init__(self, work: Path):
        self.work = work

    def build(self):
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password
        from django.utils import timezone

        from courses.models import (
            CourseIndexPage,
            CoursePage,
            Enrolment,
            LessonPage,
            LessonProgress,
            QuizPage,
        )
        from webinars.models import WebinarPage

        User = get_user_model()
        password = make_password("bench-password-1")

        def learners(prefix):
            return User.objects.bulk_create(
                [
                    User(username=f"{prefix}-{n}", email=f"{prefix}-{n}@example.org", password=password)
                    for n in range(LEARNERS)
                ]
            )

        # Learners who read and watch: enrolled in the demo course and two others, as a learner
        # usually is. Learners who submit quizzes: each an open attempt in every other quiz.
        self.learners = learners("bench")
        self.quiz_learners = learners("bench-quiz")
        self.lesson = next(lesson for lesson in LessonPage.objects.live() if lesson.video_segments())
        self.course = self.lesson.get_parent().specific
        self.segment, (self.start, self.end) = next(iter(self.lesson.video_segments().items()))
        self.quizzes = list(QuizPage.objects.live().exclude(path__startswith=self.course.path))
        quiz_courses = list(CoursePage.objects.filter(pk__in=[q.get_parent().pk for q in self.quizzes]))
        enrolments = [
            Enrolment(learner=learner, course=course)
            for learner in self.learners
            for course in [self.course, *quiz_courses[:2]]
        ]
        enrolments += [
            Enrolment(learner=learner, course=course)
            for learner in self.quiz_learners
            for course in quiz_courses
        ]
        enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=5000)
        # The progress savers have had the lesson playing for a day: the server credits at most
        # the playback that wall-clock time allows (courses.services), and the saves below
        # arrive much faster than a viewer's, each to be recorded in full.
        day_ago = timezone.now() - datetime.timedelta(days=1)
        LessonProgress.objects.bulk_create(
            [
                LessonProgress(learner=e.learner, lesson=self.lesson, enrolment=e, playback_clock=day_ago)
                for e in enrolments
                if e.course_id == self.course.pk
            ]
        )
        self.cookies = [self.login(learner, settings) for learner in self.learners]
        self.quiz_cookies = [self.login(learner, settings) for learner in self.quiz_learners]
        self.pages = {
            "home": "/",
            "catalogue": CourseIndexPage.objects.live().first().url,
            "course": self.course.url,
            "lesson": self.lesson.url,
            "webinar": WebinarPage.objects.live().first().url,
        }
        say(f"  {2 * LEARNERS} learners with sessions; pages: {self.pages}")

    def login(self, user, settings):
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        csrf = secrets.token_hex(16)  # a 32-character secret: cookie and header agree
        cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
        return cookie, csrf

    def write(self, name, lines) -> Path:
        path = self.work / f"{name}.tsv"
        path.write_text("\n".join(lines) + "\n")
        return path

    def bare(self):
        return self.write("bare", [request_line("GET", "/healthz/")])

    def anonymous(self):
        return self.write("anonymous", [request_line("GET", path) for path in self.pages.values()])

    def logged_in(self):
        """A course page and a lesson page (issue 7's target for logged-in pages)."""
        paths = [self.pages["course"], self.pages["lesson"]]
        return self.write(
            "logged-in",
            [request_line("GET", path, cookie) for path in paths for cookie, _csrf in self.cookies],
        )

    def floors(self):
        """Two floors of a logged-in page, GET by the same learners: Wagtail's own work for the
        lesson's path and nothing else (`wagtail_floor`, benchmarks/ceiling_urls.py), and a
        standard page (the site's layout and no learner data: `logged_in_standard`)."""
        from home.models import StandardPage

        floor = f"/pomiar/strona/?{urlencode({'path': self.pages['lesson']})}"
        standard = StandardPage.objects.live().first().url
        return {
            "wagtail_floor": self.write(
                "wagtail-floor", [request_line("GET", floor, cookie) for cookie, _csrf in self.cookies]
            ),
            "logged_in_standard": self.write(
                "logged-in-standard",
                [request_line("GET", standard, cookie) for cookie, _csrf in self.cookies],
            ),
        }

    def my_learning(self):
        return self.write(
            "my-learning", [request_line("GET", "/moja-nauka/", cookie) for cookie, _csrf in self.cookies]
        )

    def ceilings(self):
        """The two ceilings of a logged-in write, POSTed as the progress saves' learners."""
        paths = {
            "logged_in_post": "/pomiar/zalogowany/",
            "one_write": f"/pomiar/zapis/?course={self.course.pk}",
        }
        return {
            name: self.write(
                name.replace("_", "-"),
                [
                    request_line("POST", path, cookie, csrf, "application/json", "{}")
                    for cookie, csrf in self.cookies
                ],
            )
            for name, path in paths.items()
        }

    def progress(self, run: int, saves_per_learner: int):
        """Each save the next stretch of the video, as a learner watching it sends, so the played
        seconds recorded count the saves that arrived (runs use separate stretches)."""
        lines = []
        for k in range(saves_per_learner):
            offset = self.start + (run * saves_per_learner + k) * PROGRESS_SECONDS
            if offset + PROGRESS_SECONDS > self.end:
                break
            for cookie, csrf in self.cookies:
                body = json.dumps(
                    {
                        "lesson": self.lesson.pk,
                        "segment": self.segment,
                        "position": offset + PROGRESS_SECONDS,
                        "ranges": [[offset, offset + PROGRESS_SECONDS]],
                    },
                    separators=(",", ":"),
                )
                lines.append(request_line("POST", "/nauka/postep/", cookie, csrf, "application/json", body))
        return self.write(f"progress-{run}", lines)

    def quiz_submissions(self, run: int, runs: int):
        """One open attempt per line, answered right; each run its own quizzes."""
        from courses.models import Enrolment, QuizAttempt
        from tests.factories import right_answers

        quizzes = self.quizzes[run::runs]
        enrolments = {
            (e.learner_id, e.course_id): e for e in Enrolment.objects.filter(learner__in=self.quiz_learners)
        }
        attempts = []
        for quiz in quizzes:
            frozen = quiz.freeze_questions()
            course_id = quiz.get_parent().pk
            for learner in self.quiz_learners:
                attempts.append(
                    QuizAttempt(
                        learner=learner,
                        quiz=quiz,
                        enrolment=enrolments[(learner.pk, course_id)],
                        number=1,
                        questions=frozen,
                        pass_mark=quiz.pass_mark,
                    )
                )
        attempts = QuizAttempt.objects.bulk_create(attempts, batch_size=2000)
        by_learner = dict(zip([learner.pk for learner in self.quiz_learners], self.quiz_cookies, strict=True))
        lines = []
        for attempt in attempts:
            cookie, csrf = by_learner[attempt.learner_id]
            body = urlencode(right_answers(attempt), doseq=True)
            lines.append(
                request_line(
                    "POST",
                    f"/nauka/podejscie/{attempt.pk}/wyslij/",
                    cookie,
                    csrf,
                    "application/x-www-form-urlencoded",
                    body,
                )
            )
        self.attempt_ids = getattr(self, "attempt_ids", []) + [attempt.pk for attempt in attempts]
        return self.write(f"quiz-{run}", lines)


def wrk(port, requests_file: Path, connections: int, seconds: int) -> dict:
    env = {**os.environ, "WRK_REQUESTS": str(requests_file), "WRK_THREADS": str(WRK_THREADS)}
    output = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "benchmarks" / "wrk_requests.lua"),
            f"http://127.0.0.1:{port}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("JSON "))
    figures = json.loads(line[5:])
    figures["lines"] = sum(1 for _ in requests_file.open())
    return figures


def worker_peak_rss_mb(master_pid: int) -> list[float]:
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(round(int(line.split()[1]) / 1024, 1))
    return peaks


def check_logged_in(port, fixture):
    """The learners' cookies must give logged-in pages (an anonymous page would come from the page
    cache and flatter the figures)."""
    cookie, _csrf = fixture.cookies[0]
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{fixture.pages['lesson']}", headers={"Cookie": cookie}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        html = response.read().decode()
    if 'action="/konto/logout/"' not in html:
        raise RuntimeError("The benchmark's learners are not logged in")


def wait_until_up(port):
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def main(seconds: int) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Run it on PostgreSQL: scripts/with-postgres.sh .venv/bin/python benchmarks/load.py")
    if not shutil.which("wrk"):
        subprocess.run(["bash", str(ROOT / "scripts" / "install-system-deps.sh"), "wrk"], check=True)
    from tests.services import RedisServer, free_port

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    redis = RedisServer(work).start()
    port = free_port()
    env = production_env(work, redis.url, port)
    gunicorn = None
    try:
        say("Building the site:")
        # Demo and random data refuse the production settings (demo passwords): build with dev.
        build_env = {**env, "DJANGO_SETTINGS_MODULE": "elearning.settings.dev"}
        manage(build_env, "migrate", "--no-input", "-v", "0")
        manage(build_env, "load_demo_content", "-v", "0")
        manage(build_env, "create_random_data", "M")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        os.environ.update(env)
        import django

        django.setup()
        fixture = Fixture(work)
        fixture.build()
        levels = (16, 64)
        files = {
            "bare": fixture.bare(),
            "anonymous": fixture.anonymous(),
            "logged_in": fixture.logged_in(),
            **fixture.floors(),
            "my_learning": fixture.my_learning(),
            **fixture.ceilings(),
        }
        writes = {
            connections: {
                "progress_save": fixture.progress(run, saves_per_learner=80),
                "quiz_submit": fixture.quiz_submissions(run, len(levels)),
            }
            for run, connections in enumerate(levels)
        }
        from django.db import connections as db_connections

        db_connections.close_all()
        gunicorn = subprocess.Popen(
            [
                str(VENV / "gunicorn"),
                "elearning.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                "--error-logfile",
                str(work / "gunicorn.log"),
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "benchmarks.ceiling_settings"},
        )
        wait_until_up(port)
        check_logged_in(port, fixture)
        say(f"gunicorn: {WORKERS} workers on 127.0.0.1:{port}; wrk: {WRK_THREADS} threads, {seconds} s a run")
        for path in files.values():  # warm the workers (imports, caches, connections)
            wrk(port, path, 4, 2)
        scenarios = []
        for connections in levels:
            for name, path in [*files.items(), *writes[connections].items()]:
                figures = wrk(port, path, connections, seconds)
                scenarios.append({"name": name, "connections": connections, **figures})
                rps = figures["requests"] / (figures["duration_us"] / 1e6)
                say(f"  {name} at {connections}: {rps:.0f} req/s")
        rss = worker_peak_rss_mb(gunicorn.pid)
        report(scenarios, rss, check_writes(fixture, scenarios))
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        redis.stop()
        shutil.rmtree(work, ignore_errors=True)


def check_writes(fixture, scenarios) -> dict:
    """Count what the database holds against the successful responses."""
    from django.db.models import Sum

    from courses.models import LessonProgress, QuizAttempt

    played = (
        LessonProgress.objects.filter(learner__in=fixture.learners, lesson=fixture.lesson).aggregate(
            s=Sum("watched_seconds")
        )["s"]
        or 0
    )
    saves_ok = sum(s["requests"] - s["status_errors"] for s in scenarios if s["name"] == "progress_save")
    submitted = QuizAttempt.objects.filter(pk__in=fixture.attempt_ids, submitted_at__isnull=False).count()
    submissions_ok = sum(s["requests"] - s["status_errors"] for s in scenarios if s["name"] == "quiz_submit")
    return {
        "progress_saves_answered": saves_ok,
        "progress_saves_recorded": round(played / PROGRESS_SECONDS),
        "quiz_submissions_answered": submissions_ok,
        "quiz_submissions_recorded": submitted,
    }


def report(scenarios, rss, writes):
    bare = {s["connections"]: s for s in scenarios if s["name"] == "bare"}
    rows, wrapped = [], {}
    for s in scenarios:
        rps = s["requests"] / (s["duration_us"] / 1e6)
        bare_rps = bare[s["connections"]]["requests"] / (bare[s["connections"]]["duration_us"] / 1e6)
        rows.append(
            {
                "name": s["name"],
                "connections": s["connections"],
                "rps": round(rps, 1),
                "p50_ms": round(s["p50_us"] / 1000, 1),
                "p95_ms": round(s["p95_us"] / 1000, 1),
                "p99_ms": round(s["p99_us"] / 1000, 1),
                "errors": s["errors"],
                "ratio_to_bare": round(rps / bare_rps, 3),
            }
        )
        # A write list that ran out repeats requests (a second submission is refused with 409).
        wrapped[(s["name"], s["connections"])] = s["name"] in WRITES and s["sent"] > s["lines"]
    headings = ("conns", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "ratio")
    say(f"\n{'scenario':16} " + " ".join(f"{h:>8}" for h in headings))
    for r in rows:
        say(
            f"{r['name']:16} {r['connections']:8} {r['rps']:8.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} "
            f"{r['p99_ms']:8.1f} {r['errors']:8} {r['ratio_to_bare']:8.2f}"
            + ("  (request list wrapped: some repeated)" if wrapped[(r["name"], r["connections"])] else "")
        )
    say(f"\nPeak RSS per gunicorn worker (MB): {rss}")
    say(f"Writes: {writes}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"scenarios": rows, "worker_rss_mb": rss, "writes": writes}, indent=2) + "\n"
    )
    say(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
