"""Celery tasks of the certificates app: thin wrappers that take ids and call a service."""

from celery import shared_task
from django.conf import settings

from . import services
from .services import RETRYABLE_ERRORS


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=RETRYABLE_ERRORS,
    retry_backoff=settings.CERTIFICATE_RETRY_BACKOFF,
    # Below CERTIFICATE_REQUEUE_AFTER, so the sweep does not start a second chain beside a retry.
    retry_backoff_max=settings.CERTIFICATE_RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=settings.CERTIFICATE_MAX_RETRIES,
    soft_time_limit=120,
    time_limit=180,
)
def certificate_issue(self, certificate_id):
    final = self.request.retries >= self.max_retries
    services.certificate_issue(certificate_id=certificate_id, final_attempt=final)


@shared_task
def requeue_stale_certificates():
    return services.certificate_requeue_stale()


@shared_task(acks_late=True)
def certificate_batch_run(batch_id):
    services.certificate_batch_run(batch_id=batch_id)
