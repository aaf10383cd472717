"""The Celery application: configured from Django settings (CELERY_*), tasks found in apps."""

import logging
import os

from celery import Celery

logger = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.production")

app = Celery("elearning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def send_task_safely(task, *args, **options) -> None:
    """Queue `task(*args)` without letting a broker outage break the caller (an editor's save,
    a learner's progress): the failure is logged and a periodic re-queue picks the work up."""
    try:
        task.apply_async(args=args, retry=False, **options)
    except Exception:  # noqa: BLE001 - any broker error
        logger.warning("Could not queue %s%r; it will be re-queued later", task.name, args, exc_info=True)
