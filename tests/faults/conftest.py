"""Real parts for the fault tests: an SMTP server (aiosmtpd) in the test process that can be
told to refuse mail for a while, and Celery workers (with beat) that send to it."""

import asyncio
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from tests.services import CeleryWorker, free_port


class RecordingHandler:
    """Keeps every message accepted; while `refusing` is set answers 451 (try again later).
    With `hold_at` set to N, message N+1 is neither accepted nor refused until `release()`: the
    sender hangs mid-conversation, the moment a test can kill it."""

    def __init__(self):
        self.messages = []
        self.refused = 0
        self.refusing = threading.Event()
        self.lock = threading.Lock()
        self.hold_at = None
        self.holding = 0
        self.released = threading.Event()

    def release(self):
        self.hold_at = None
        self.released.set()

    async def handle_DATA(self, server, session, envelope):
        if self.refusing.is_set():
            with self.lock:
                self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later"
        if self.hold_at is not None and len(self.messages) >= self.hold_at:
            self.holding += 1
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Held by the test; try again"
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def recipients(self):
        with self.lock:
            return [str(message["To"]) for message in self.messages]


@pytest.fixture
def smtp_server():
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.url = f"smtp://127.0.0.1:{controller.port}"
    yield handler
    controller.stop()


@pytest.fixture
def start_worker(redis_server, media_root, tmp_path, smtp_server, settings, transactional_db):
    """Start Celery worker processes (each with beat if asked) on the test database, Redis and
    the SMTP server; all are stopped at the end."""
    from django.db import connection

    from elearning.celery import app

    app.control.purge()
    started = []
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    def start(*, concurrency=2, beat=True, name="worker"):
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
            },
        ).start()
        started.append(worker)
        return worker

    start.workers = started
    yield start
    for worker in started:
        worker.stop()
