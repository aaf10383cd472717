"""Celery tasks of the webinars app: thin wrappers that take ids and call a service."""

from celery import shared_task


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
