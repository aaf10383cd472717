"""Real parts for the fault tests: Celery workers (with beat) that send to the SMTP server of
the `smtp_server` fixture (tests/conftest.py), which can be told to refuse mail for a while."""

import pytest

from tests.services import CeleryWorker


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
