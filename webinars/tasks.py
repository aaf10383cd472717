"""Celery tasks of the webinars app: thin wrappers that take ids and call a service."""

from smtplib import SMTPException

from celery import shared_task

from elearning.storage import storage_errors


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def render_slide_deck(deck_id):
    from .services import slide_deck_render

    slide_deck_render(deck_id=deck_id)


@shared_task
def requeue_stale_slide_decks():
    from .services import slide_deck_requeue_stale

    return slide_deck_requeue_stale()


@shared_task(acks_late=True, soft_time_limit=280, time_limit=300)
def probe_recording_file(recording_file_id):
    from .services import recording_file_probe

    recording_file_probe(recording_file_id=recording_file_id)


@shared_task
def requeue_unprobed_recording_files():
    from .services import recording_files_requeue_unprobed

    return recording_files_requeue_unprobed()


@shared_task
def remove_orphaned_recording_files():
    from .services import recording_files_remove_orphans

    return recording_files_remove_orphans()


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, *storage_errors()),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=10,
    soft_time_limit=60,
    time_limit=90,
)
def send_registration_email(registration_id, kind, due_at=None):
    from django.utils.dateparse import parse_datetime

    from .live_events import registration_email_send

    now = parse_datetime(due_at) if due_at else None
    registration_email_send(registration_id=registration_id, kind=kind, now=now)


@shared_task
def queue_webinar_reminders():
    from .live_events import reminders_queue, unsent_emails_queue

    return reminders_queue() + unsent_emails_queue()


@shared_task
def forget_past_guests():
    from .live_events import past_guests_forget

    return past_guests_forget()
