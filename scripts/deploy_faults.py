"""Faults under load for `make deploy-check` (scripts/deploy_check.py): eight learners at a time
use the site through the proxy, each reading the home page, the catalogue, the course, a lesson,
My learning and a search, and marking a lesson done every couple of seconds, while something
breaks:

  - one of the two gunicorns is killed (and started again);
  - both Redis servers are killed and started again, empty;
  - PostgreSQL is restarted (`pg_ctl restart -m fast`);
  - the certificate folder is unavailable for a while.

Each fault has its own learners. Afterwards: which requests failed while it lasted (by page),
none after it; every session still logged in; every lesson the site said was saved is saved;
every learner who finished has one certificate, issued, and exactly one email."""

import contextlib
import os
import re
import secrets
import shutil
import subprocess
import threading
import time
from collections import Counter
from email.utils import parseaddr

PAGES = ("/", "/kursy/", "course", "lesson", "/moja-nauka/", "/szukaj/?q=fundusz")
LESSON_EVERY = 2.0  # seconds between a learner's "mark as done"


class Load:
    """The learners' threads and what each request got: (start, end, page, status)."""

    def __init__(self, site, client, learners):
        self.site, self.client, self.learners = site, client, learners
        self.facts = site.facts
        self.records = []
        self.saved = {learner["email"]: [] for learner in learners}
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def headers(self, learner):
        csrf = secrets.token_hex(16)  # a CSRF secret of the client's own: cookie and header agree
        origin = f"https://localhost:{self.client.port}"
        return {
            "Cookie": f"{self.facts['cookie']}={learner['session']}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Origin": origin,
            "Referer": origin + self.facts["course"],
        }

    def call(self, method, path, headers, page):
        started = time.monotonic()
        try:
            response, _ = self.client.request(method, path, headers, timeout=120)
            status = response.status
            location = response.getheader("Location") or ""
        except OSError as error:
            status, location = type(error).__name__, ""
        with self.lock:
            self.records.append((started, time.monotonic(), page, status))
        return status, location

    def remaining(self, learner):
        return [lesson for lesson in self.facts["lessons"] if lesson not in self.saved[learner["email"]]]

    def mark_done(self, learner, headers):
        """Mark the learner's next lesson done; the site's answer says whether it was saved."""
        lesson = self.remaining(learner)[0]
        status, location = self.call(
            "POST",
            f"/nauka/lekcja/{lesson}/ukonczona/",
            {**headers, "Content-Type": "application/x-www-form-urlencoded"},
            "mark as done",
        )
        if status == 302 and "/konto/login/" not in location:
            self.saved[learner["email"]].append(lesson)

    def learner(self, learner, offset):
        time.sleep(offset)
        headers = self.headers(learner)
        next_save = time.monotonic() + LESSON_EVERY
        while not self.stop.is_set():
            for page in PAGES:
                path = self.facts.get(page, page)
                self.call("GET", path, headers, page)
            if self.remaining(learner) and time.monotonic() >= next_save:
                self.mark_done(learner, headers)
                next_save = time.monotonic() + LESSON_EVERY
            time.sleep(0.1)

    def finish(self):
        for learner in self.learners:
            headers = self.headers(learner)
            for _ in range(len(self.facts["lessons"]) * 2):
                if not self.remaining(learner):
                    break
                self.mark_done(learner, headers)

    def run(self, events, length):
        """Start the learners; `events` are (seconds from the start, name, action) in order. Returns
        the moments (monotonic) each event finished."""
        threads = [
            threading.Thread(target=self.learner, args=(learner, n * 0.3), daemon=True)
            for n, learner in enumerate(self.learners)
        ]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        moments = {}
        for at, name, action in events:
            time.sleep(max(0.0, start + at - time.monotonic()))
            action()
            moments[name] = time.monotonic()
        time.sleep(max(0.0, start + length - time.monotonic()))
        self.stop.set()
        for thread in threads:
            thread.join(timeout=150)
        return moments

    def failed(self, since=None, until=None):
        """Requests that did not get a page or a redirect, by page, started in [since, until)."""
        return Counter(
            page
            for started, _end, page, status in self.records
            if (since is None or started >= since) and (until is None or started < until)
            and not (isinstance(status, int) and status < 400)
        )  # fmt: skip

    def statuses_of_failures(self, since=None, until=None):
        return Counter(
            status
            for started, _end, _page, status in self.records
            if (since is None or started >= since) and (until is None or started < until)
            and not (isinstance(status, int) and status < 400)
        )  # fmt: skip

    def count(self, page, since, until):
        return sum(
            1
            for started, _e, p, status in self.records
            if p == page and since <= started < until and status == 302
        )

    def slowest(self):
        return max(end - started for started, end, _page, _status in self.records)


STATE = r"""
import json
from django.db.models import Count
from certificates.models import Certificate
from courses.models import LessonProgress
emails = EMAILS
done = {}
for email, lesson in LessonProgress.objects.filter(learner__email__in=emails, completed_at__isnull=False
        ).values_list("learner__email", "lesson_id"):
    done.setdefault(email, []).append(lesson)
certificates = {c.learner.email: [c.state, bool(c.emailed_at), c.last_error[:80]]
                for c in Certificate.objects.filter(learner__email__in=emails).select_related("learner")}
print(json.dumps({"done": done, "certificates": certificates}))
"""


def state(site, emails):
    return site.query(STATE.replace("EMAILS", repr(sorted(emails))))


def settle(site, load, check, name, detail_of_fault):
    """What a fault left behind, once the site has had up to 90 s to catch up: sessions, saves,
    certificates and emails."""
    emails = [learner["email"] for learner in load.learners]
    lessons = len(site.facts["lessons"])
    load.finish()  # the learners the fault's window left halfway finish now, with nothing broken
    finished = [email for email in emails if len(load.saved[email]) == lessons]
    deadline = time.monotonic() + 90
    while True:
        now = state(site, emails)
        certificates = now["certificates"]
        complete = all(certificates.get(email, [None, False])[0:2] == ["issued", True] for email in finished)
        if complete or time.monotonic() > deadline:
            break
        time.sleep(2)
    logged_in = 0
    for learner in load.learners:
        response, body = load.client.get("/moja-nauka/", load.headers(learner))
        logged_in += response.status == 200 and b'action="/konto/logout/"' in body
    lost = sum(len(set(load.saved[email]) - set(now["done"].get(email, []))) for email in emails)
    said_saved = sum(len(load.saved[email]) for email in emails)
    sent = [parseaddr(recipient)[1] for recipient in site.mail.recipients()]
    emails_sent = Counter(address for address in sent if address in emails)
    once = all(emails_sent[email] == 1 for email in finished) and not set(emails_sent) - set(finished)
    states = Counter(certificates.get(email, ["none"])[0] for email in finished)
    ok = logged_in == len(emails) and lost == 0 and complete and once and len(finished) == len(emails)
    check(
        f"{name}: nothing lost",
        ok,
        f"{detail_of_fault}; sessions still logged in {logged_in}/{len(emails)}; "
        f"lessons the site said were saved {said_saved}, lost {lost}; learners who finished "
        f"{len(finished)}, certificates {dict(states)}, emails {sum(emails_sent.values())} "
        f"(one each: {once})",
    )


def web_killed(site, client, check):
    """One of the two gunicorns killed under load: nginx passes its requests to the other."""
    load = Load(site, client, site.facts["groups"]["web"])
    counts = {}

    def kill():
        counts["before"] = [_served(site, index) for index in range(2)]
        site.kill(site.web[0])

    def restart():
        site.start_web(0)
        counts["restarted"] = _served(site, 0)

    moments = load.run([(4, "killed", kill), (12, "restarted", restart)], length=22)
    served = [_served(site, index) - counts["before"][index] for index in range(2)]
    after_restart = _served(site, 0) - counts["restarted"]
    pages = {page: n for page, n in load.failed().items() if page != "mark as done"}
    posts = load.failed(moments["killed"] - 0.5, moments["killed"] + 2).get("mark as done", 0)
    posts_later = load.failed().get("mark as done", 0) - posts
    check(
        "a gunicorn killed under load",
        not pages and posts_later == 0 and after_restart > 0 and served[1] > 0,
        f"{len(load.records)} requests, page requests failed {pages or 0}, form posts in flight "
        f"on the killed one {posts} (nginx's 502; sent again), later {posts_later}; requests each "
        f"gunicorn answered meanwhile {served}, the restarted one after its restart {after_restart}; "
        f"slowest {load.slowest():.2f} s",
    )
    down = moments["restarted"] - moments["killed"]
    settle(site, load, check, "a gunicorn killed", f"killed for {down:.0f} s")


def _served(site, index):
    """Requests this gunicorn has answered so far (its access log, kept across restarts)."""
    log = (site.work / f"gunicorn-{index}.log").read_text(errors="replace")
    return len(re.findall(r'" [23]\d\d ', log))


def redis_killed(site, client, check):
    """Both Redis servers killed under load and started again, empty."""
    load = Load(site, client, site.facts["groups"]["redis"])

    def kill():
        for index in range(2):
            site.kill(site.redis_servers[index])

    def restart():
        for index in range(2):
            site.start_redis(index)

    moments = load.run([(4, "killed", kill), (14, "restarted", restart)], length=22)
    during = load.failed(moments["killed"] - 0.5, moments["restarted"])
    after = load.failed(moments["restarted"])
    while_down = sum(
        1 for started, _e, _p, _s in load.records if moments["killed"] <= started < moments["restarted"]
    )
    saves = load.count("mark as done", moments["killed"], moments["restarted"])
    check(
        "Redis killed under load",
        sum(during.values()) == 0 and sum(after.values()) == 0 and saves > 0,
        f"down {moments['restarted'] - moments['killed']:.0f} s; {while_down} requests while down "
        f"({saves} lessons marked done), failed {dict(during) or 0}; after it failed {dict(after) or 0}",
    )
    settle(site, load, check, "Redis killed", "both servers started again empty")


def postgresql_restarted(site, client, check):
    """PostgreSQL restarted (fast shutdown) under load: requests during the restart may fail with
    the error page; none after it; none hangs."""
    pg_ctl = os.environ.get("ELEARNING_PG_BIN", "") + "/pg_ctl"
    data, log = os.environ.get("ELEARNING_PG_DATA", ""), os.environ.get("ELEARNING_PG_LOG", "")
    as_postgres = os.environ.get("ELEARNING_PG_AS_POSTGRES", "").split()
    load = Load(site, client, site.facts["groups"]["postgresql"])
    restart = {}

    def restart_now():
        restart["began"] = time.monotonic()
        restart["code"] = subprocess.run(
            [*as_postgres, pg_ctl, "-D", data, "-l", log, "-m", "fast", "-w", "restart"],
            timeout=60, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ).returncode  # fmt: skip

    moments = load.run([(5, "restarted", restart_now)], length=22)
    before = load.failed(until=restart["began"] - 0.5)
    during = load.failed(restart["began"] - 0.5, moments["restarted"])
    after = load.failed(moments["restarted"])
    statuses = load.statuses_of_failures(restart["began"] - 0.5, moments["restarted"])
    check(
        "PostgreSQL restarted under load",
        restart["code"] == 0 and not before and not after and load.slowest() < 75 and set(statuses) <= {503},
        f"pg_ctl restart took {moments['restarted'] - restart['began']:.1f} s; "
        f"{len(load.records)} requests, failed during it {dict(during) or 0} (answered "
        f"{dict(statuses) or '-'}: the page 'Serwis chwilowo niedostępny'), after it "
        f"{dict(after) or 0}; slowest {load.slowest():.2f} s (the proxy gives up at 75 s)",
    )
    settle(site, load, check, "PostgreSQL restarted", "restarted once")


def folder_unavailable(site, client, check):
    """The certificate folder gone for a while (a file where it was: root ignores permissions):
    certificates wait and retry, coordinators see why, and all are issued once it is back."""
    private = site.work / "private"
    away = site.work / "private-away"
    load = Load(site, client, site.facts["groups"]["folder"])
    seen = {}

    def remove():
        private.rename(away)
        private.write_text("not a folder\n")

    def look():  # what a coordinator sees meanwhile: the certificates waiting, and why
        coordinator = {"Cookie": f"{site.facts['cookie']}={site.facts['coordinator']}"}
        response, body = client.get("/admin/certificates/?state=retrying", coordinator)
        page = body.decode(errors="replace")
        seen["status"] = response.status
        # (the state's name is also an option of the filter: count the rows' mentions only)
        seen["retrying"] = page.count("Czeka na ponowienie") - baseline["retrying"]
        seen["reason"] = page.count("NotADirectoryError") + page.count("FileExistsError")

    baseline = {"retrying": 0}
    look()
    baseline["retrying"] = seen["retrying"]

    def restore():
        # What coordinators see: asked until the certificates waiting show (or 30 s).
        deadline = time.monotonic() + 30
        look()
        while not (seen["retrying"] > 0 and seen["reason"] > 0) and time.monotonic() < deadline:
            time.sleep(1)
            look()
        private.unlink()
        away.rename(private)

    moments = load.run([(2, "removed", remove), (17, "restored", restore)], length=24)
    failed = load.failed()
    check(
        "certificate folder unavailable",
        sum(failed.values()) == 0 and seen["status"] == 200 and seen["retrying"] > 0 and seen["reason"] > 0,
        f"gone {moments['restored'] - moments['removed']:.0f} s; {len(load.records)} requests, failed "
        f"{dict(failed) or 0}; coordinators' list of certificates: {seen['retrying']} waiting to "
        f"retry, the reason shown on {seen['reason']}",
    )
    settle(site, load, check, "certificate folder unavailable", "folder back")
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(away)


def workers_shared(site, check):
    """Both Celery workers took certificate tasks (they run side by side safely: tests/faults)."""
    pattern = re.compile(r"Task certificates\.tasks\.certificate_issue\[[\w-]+\] succeeded")
    counts = [
        len(pattern.findall((site.work / f"worker-{index}.log").read_text(errors="replace")))
        for index in range(2)
    ]
    check("two Celery workers", all(counts), f"certificate tasks each worker completed {counts}")
