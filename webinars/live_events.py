"""Live webinars: registration with seat limits and a waiting list, the emails (confirmation with
a calendar file, reminders a day and an hour before, updates and cancellations), and the
personal join link.

Seats: every write that can take or free a seat locks the webinar's row first, so concurrent
registrations queue there and a limit of N gives N seats, never more. Emails: each is sent by a
Celery task that takes the registration's row lock, checks what was already sent (the reminders'
times, the calendar sequence last sent) and records the send in the same transaction, so
retries, beat and worker restarts do not send one twice."""

import logging
from datetime import timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from elearning.celery import send_task_safely

from . import ics
from .models import Attendance, RecordingPart, Registration, WebinarAnnouncement, WebinarPage

logger = logging.getLogger(__name__)

JOIN_OPENS_BEFORE = timedelta(minutes=15)
REMINDERS = {"reminder_day": timedelta(hours=24), "reminder_hour": timedelta(hours=1)}


def _not_before(kind) -> timedelta:
    """A reminder is due until the next one is: no "tomorrow" in the last hour."""
    return REMINDERS["reminder_hour"] if kind == "reminder_day" else timedelta(0)


ACTIVE = (Registration.Status.PENDING, Registration.Status.REGISTERED, Registration.Status.WAITING)


def _queue_email(registration_id: int, kind: str, due_at=None) -> None:
    """Queue one email; a reminder carries the moment it was found due, which the task checks
    it against (a start moved meanwhile makes it not due)."""
    from .tasks import send_registration_email

    args = (registration_id, kind, due_at.isoformat()) if due_at else (registration_id, kind)
    transaction.on_commit(lambda: send_task_safely(send_registration_email, *args))


def _locked_webinar(webinar_id: int) -> WebinarPage:
    return WebinarPage.objects.select_for_update(of=("self",)).get(pk=webinar_id)


def _announcement(webinar: WebinarPage) -> WebinarAnnouncement:
    announcement, _created = WebinarAnnouncement.objects.get_or_create(
        webinar=webinar,
        defaults={
            "starts_at": webinar.starts_at,
            "duration_minutes": webinar.duration_minutes or 0,
            "cancelled": webinar.cancelled,
        },
    )
    return announcement


def _free_seats(webinar: WebinarPage) -> int | None:
    """Seats not taken (None: no limit)."""
    if webinar.seat_limit is None:
        return None
    taken = webinar.registrations.filter(status=Registration.Status.REGISTERED).count()
    return max(0, webinar.seat_limit - taken)


def _seat_for_newcomer(webinar: WebinarPage) -> bool:
    """A newcomer takes a seat only if one is free and nobody is waiting for it."""
    free = _free_seats(webinar)
    waiting = webinar.registrations.filter(status=Registration.Status.WAITING).exists()
    return (free is None or free > 0) and not waiting


def _promote_waiting(webinar: WebinarPage, now) -> int:
    """Give free seats to the waiting list, first come first served (not while the event is
    cancelled or over). The webinar's row must be locked."""
    if webinar.cancelled or not webinar.starts_at or now >= webinar.ends_at:
        return 0
    free = _free_seats(webinar)
    waiting = webinar.registrations.filter(status=Registration.Status.WAITING).order_by("confirmed_at", "pk")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status"])
        _queue_email(registration.pk, "promoted")
    return len(promoted)


def _take_seat_or_wait(registration: Registration, webinar: WebinarPage, now) -> None:
    registration.confirmed_at = registration.confirmed_at or now
    if _seat_for_newcomer(webinar):
        registration.status = Registration.Status.REGISTERED
        _queue_email(registration.pk, "registered")
    else:
        registration.status = Registration.Status.WAITING
        _queue_email(registration.pk, "waiting")


def registration_create(
    *, webinar: WebinarPage, user=None, name: str = "", email: str = "", language: str = "pl", now=None
) -> Registration:
    """Register a learner (at once) or a guest (once they confirm the link emailed to them).
    Registering again returns the registration already made."""
    now = now or timezone.now()
    if user is not None:
        name, email = user.get_display_name(), user.email
        language = getattr(user, "preferred_language", "") or language
    email = email.strip().lower()
    with transaction.atomic():
        webinar = _locked_webinar(webinar.pk)
        if not webinar.is_open_for_registration(now):
            raise ValidationError(_("Registration for this event is closed."))
        existing = webinar.registrations.filter(email=email, status__in=ACTIVE).first()
        if existing:
            if user is not None and existing.user_id is None:
                existing.user = user  # a guest who has since made an account
                existing.save(update_fields=["user"])
            if user is not None and existing.status == Registration.Status.PENDING:
                # The account's email is verified: no confirmation link is needed.
                _take_seat_or_wait(existing, webinar, now)
                existing.save(update_fields=["status", "confirmed_at"])
            return existing
        _announcement(webinar)
        registration = Registration(
            webinar=webinar, user=user, name=name.strip(), email=email, language=language
        )
        registration.full_clean(exclude=["webinar", "user", "token"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # the same email at the same moment: one registration
            return webinar.registrations.get(email=email, status__in=ACTIVE)
        if user is not None:
            _take_seat_or_wait(registration, webinar, now)
            registration.save(update_fields=["status", "confirmed_at"])
        else:
            _queue_email(registration.pk, "confirm")
    return registration


def registration_confirm(*, token: str, now=None) -> Registration:
    """A guest's confirmation link: a seat or the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_related("webinar").get(token=token)
        if registration.status != Registration.Status.PENDING:
            return registration
        webinar = _locked_webinar(registration.webinar_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            return registration
        if not webinar.is_open_for_registration(now):
            raise ValidationError(_("Registration for this event is closed."))
        _take_seat_or_wait(registration, webinar, now)
        registration.save(update_fields=["status", "confirmed_at"])
    return registration


def registration_cancel(*, registration: Registration, now=None) -> Registration:
    """Give the place up; a freed seat goes to the first on the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        webinar = _locked_webinar(registration.webinar_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        held_seat = registration.holds_seat
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        _queue_email(registration.pk, "cancelled_registration")
        if held_seat:
            _promote_waiting(webinar, now)
    return registration


def registration_join(*, token: str, now=None) -> str:
    """The personal join link: the meeting's address for a registrant, from 15 minutes before
    the start to the end; the click is recorded."""
    now = now or timezone.now()
    registration = Registration.objects.select_related("webinar").get(token=token)
    webinar = registration.webinar
    if webinar.cancelled:
        raise PermissionDenied(_("This event has been cancelled."))
    if registration.status != Registration.Status.REGISTERED:
        raise PermissionDenied(_("This link is for those registered for the event."))
    if not webinar.meeting_url:
        raise ValidationError(_("The organisers have not given the meeting's link yet. Try again shortly."))
    if now < webinar.starts_at - JOIN_OPENS_BEFORE:
        raise ValidationError(_("The meeting opens 15 minutes before the start."))
    if now >= webinar.ends_at:
        raise ValidationError(_("The event has ended."))
    Registration.objects.filter(pk=registration.pk).update(
        join_count=F("join_count") + 1, joined_at=Coalesce("joined_at", Value(now))
    )
    return webinar.meeting_url


def webinar_announce_changes(*, webinar: WebinarPage, now=None) -> int:
    """After a publish: if the time, the length or the cancellation changed since registrants
    were told, raise the calendar sequence and email them (what they get, an update or the
    cancellation, is decided when it is sent, from the page as it is then). Seats added by a
    higher limit go to the waiting list. Returns how many were told."""
    now = now or timezone.now()
    if webinar.starts_at is None:
        return 0
    with transaction.atomic():
        webinar = _locked_webinar(webinar.pk)
        _promote_waiting(webinar, now)
        announcement = _announcement(webinar)
        announcement = WebinarAnnouncement.objects.select_for_update().get(pk=announcement.pk)
        state = (webinar.starts_at, webinar.duration_minutes or 0, webinar.cancelled)
        if state == (announcement.starts_at, announcement.duration_minutes, announcement.cancelled):
            return 0
        moved = webinar.starts_at != announcement.starts_at
        announcement.starts_at, announcement.duration_minutes, announcement.cancelled = state
        announcement.sequence += 1
        announcement.save()
        told = webinar.registrations.filter(
            status__in=(Registration.Status.REGISTERED, Registration.Status.WAITING)
        )
        if moved:  # the reminders follow the new time
            told.update(reminder_day_sent_at=None, reminder_hour_sent_at=None)
        ids = list(told.values_list("pk", flat=True))
        for registration_id in ids:
            _queue_email(registration_id, "updated")
    return len(ids)


# The recording is news for this long after the event; a later first publish with a recording
# (an old event's page edited) emails nobody.
RECORDING_NEWS_FOR = timedelta(days=60)
# The address a deleted account's registrations are left with (`learner_webinars_forget`).
FORGOTTEN_DOMAIN = "@invalid.invalid"


def _told_of_recording():
    """Registrations to send the recording to: a seat or the waiting list, not forgotten."""
    return Registration.objects.filter(
        status__in=(Registration.Status.REGISTERED, Registration.Status.WAITING)
    ).exclude(email__endswith=FORGOTTEN_DOMAIN)


def webinar_announce_recording(*, webinar: WebinarPage, now=None) -> int:
    """After a publish: the first time an event that is over has its recording on the page,
    email the registrants (and the waiting list) a link to it, those who did not attend first.
    Once per event, and only within `RECORDING_NEWS_FOR` of it. Returns how many were told."""
    now = now or timezone.now()
    if (
        webinar.starts_at is None
        or webinar.cancelled
        or not webinar.ends_at <= now < webinar.ends_at + RECORDING_NEWS_FOR
    ):
        return 0
    if not RecordingPart.objects.filter(page_id=webinar.pk).exists():
        return 0
    with transaction.atomic():
        webinar = _locked_webinar(webinar.pk)
        announcement = _announcement(webinar)
        first = WebinarAnnouncement.objects.filter(pk=announcement.pk, recording_at__isnull=True).update(
            recording_at=now
        )
        if not first:
            return 0
        attended = Attendance.objects.filter(registration=OuterRef("pk"), minutes__gt=0)
        ids = list(
            _told_of_recording()
            .filter(webinar=webinar)
            .annotate(attended=Exists(attended))
            .order_by("attended", "created_at", "pk")
            .values_list("pk", flat=True)
        )
        for registration_id in ids:
            _queue_email(registration_id, "recording")
    return len(ids)


def on_webinar_published(sender, instance, **kwargs):
    """page_published: tell registrants of a new time or a cancellation, or that the recording
    is on the page."""
    webinar_announce_changes(webinar=instance)
    webinar_announce_recording(webinar=instance)


def reminders_queue(*, now=None) -> int:
    """For beat, every minute: queue the reminders now due (a day and an hour before), for those
    whose place was confirmed before that moment. The task checks again and sends each once."""
    now = now or timezone.now()
    queued = 0
    for kind, before in REMINDERS.items():
        sent_field = f"{kind}_sent_at"
        due = Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            webinar__cancelled=False,
            webinar__starts_at__gt=now + _not_before(kind),
            webinar__starts_at__lte=now + before,
            confirmed_at__lt=F("webinar__starts_at") - before,
            **{f"{sent_field}__isnull": True},
        ).values_list("pk", flat=True)
        for registration_id in due:
            _queue_email(registration_id, kind, due_at=now)
            queued += 1
    return queued


def unsent_emails_queue(*, now=None, older_than=timedelta(minutes=2)) -> int:
    """For beat, with the reminders: queue again the seat, update and recording emails not sent
    (the broker was down when they were queued, or the worker died). The task sends each once."""
    now = now or timezone.now()
    upcoming = {"webinar__starts_at__gt": now, "webinar__cancelled": False}
    seats = Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        seat_email_sent_at__isnull=True,
        confirmed_at__lt=now - older_than,
        **upcoming,
    ).values_list("pk", flat=True)
    updates = Registration.objects.filter(
        status__in=(Registration.Status.REGISTERED, Registration.Status.WAITING),
        announced_sequence__lt=F("webinar__announcement__sequence"),
        webinar__starts_at__gt=now - timedelta(hours=12),
        seat_email_sent_at__isnull=False,
    ).values_list("pk", flat=True)
    recordings = (
        _told_of_recording()
        .filter(
            recording_email_sent_at__isnull=True,
            webinar__announcement__recording_at__lt=now - older_than,
            webinar__announcement__recording_at__gt=now - timedelta(days=2),
        )
        .values_list("pk", flat=True)
    )
    queued = 0
    for kind, ids in (("registered", seats), ("updated", updates), ("recording", recordings)):
        for registration_id in ids:
            _queue_email(registration_id, kind)
            queued += 1
    return queued


SEAT_EMAILS = ("registered", "promoted")


def registration_email_send(*, registration_id: int, kind: str, now=None) -> bool:
    """Send one email of `kind` to the registrant unless it was sent (or is no longer due).
    What was sent is recorded in the transaction that sends it. Returns whether it was sent."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("webinar", "webinar__announcement")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or not _due(registration, kind, now):
            return False
        webinar = registration.webinar
        sequence = webinar.announcement.sequence
        if kind == "updated" and webinar.cancelled:
            kind = "cancelled_event"
        if kind in REMINDERS:
            setattr(registration, f"{kind}_sent_at", now)
        if kind in SEAT_EMAILS:
            registration.seat_email_sent_at = now
        if kind == "recording":
            registration.recording_email_sent_at = now
        if kind in (*SEAT_EMAILS, "updated", "cancelled_event"):
            registration.announced_sequence = sequence
        registration.save()
        _send(registration, kind, sequence)
    return True


def _due(registration: Registration, kind: str, now) -> bool:
    webinar = registration.webinar
    status = registration.status
    if kind == "confirm":
        return status == Registration.Status.PENDING
    if kind == "waiting":
        return status == Registration.Status.WAITING
    if kind == "cancelled_registration":
        return status == Registration.Status.CANCELLED
    if kind in SEAT_EMAILS:
        return (
            status == Registration.Status.REGISTERED
            and registration.seat_email_sent_at is None
            and not webinar.cancelled
        )
    if kind == "updated":
        return status in (Registration.Status.REGISTERED, Registration.Status.WAITING) and (
            registration.announced_sequence < webinar.announcement.sequence
        )
    if kind == "recording":
        return (
            status in (Registration.Status.REGISTERED, Registration.Status.WAITING)
            and not registration.email.endswith(FORGOTTEN_DOMAIN)
            and registration.recording_email_sent_at is None
            and webinar.announcement.recording_at is not None
        )
    if kind in REMINDERS:
        return (
            status == Registration.Status.REGISTERED
            and not webinar.cancelled
            and getattr(registration, f"{kind}_sent_at") is None
            and now + _not_before(kind) < webinar.starts_at <= now + REMINDERS[kind]
            and timezone.now() < webinar.starts_at  # not after the start, however late the task runs
        )
    raise ValueError(f"unknown email {kind!r}")


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def registration_links(registration: Registration) -> dict:
    return {
        "join": _absolute(reverse("webinar_join", args=[registration.token])),
        "cancel": _absolute(reverse("webinar_registration_cancel", args=[registration.token])),
        "confirm": _absolute(reverse("webinar_registration_confirm", args=[registration.token])),
        "page": _absolute(registration.webinar.url or "/"),
    }


SUBJECTS = {
    "confirm": lambda: _("Confirm your registration: %(title)s"),
    "registered": lambda: _("You are registered: %(title)s"),
    "waiting": lambda: _("You are on the waiting list: %(title)s"),
    "promoted": lambda: _("A seat is yours: %(title)s"),
    "reminder_day": lambda: _("Tomorrow: %(title)s"),
    "reminder_hour": lambda: _("In an hour: %(title)s"),
    "updated": lambda: _("New time: %(title)s"),
    "cancelled_event": lambda: _("Cancelled: %(title)s"),
    "cancelled_registration": lambda: _("Registration cancelled: %(title)s"),
    "recording": lambda: _("The recording: %(title)s"),
}


def _attended(registration: Registration) -> bool | None:
    """Whether the registrant was at the event by its imported report; None before one is."""
    if not registration.webinar.attendances.exists():
        return None
    return registration.attendances.filter(minutes__gt=0).exists()


def _send(registration: Registration, kind: str, sequence: int) -> None:
    webinar = registration.webinar
    with translation.override(registration.language):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + SUBJECTS[kind]() % {"title": webinar.title}
        body = render_to_string(
            "webinars/email/registration.txt",
            {
                "kind": kind,
                "registration": registration,
                "webinar": webinar,
                "starts_at": timezone.localtime(webinar.starts_at, ics.WARSAW),
                "links": registration_links(registration),
                "attended": _attended(registration) if kind == "recording" else None,
            },
        )
    message = EmailMessage(subject, body, to=[registration.email])
    # A calendar file for those who have (or had) a seat; the waiting list gets the text only.
    had_seat = registration.status == Registration.Status.REGISTERED or kind == "cancelled_registration"
    if had_seat and kind in (*SEAT_EMAILS, "updated", "cancelled_event", "cancelled_registration"):
        cancelled = kind in ("cancelled_event", "cancelled_registration")
        calendar = ics.invitation(
            webinar, registration, sequence=sequence + (kind == "cancelled_registration"), cancelled=cancelled
        )
        part = MIMEText(calendar.decode("utf-8"), "calendar", "utf-8")
        part.set_param("method", "CANCEL" if cancelled else "REQUEST")
        part.add_header("Content-Disposition", "attachment", filename="wydarzenie.ics")
        message.attach(part)
    message.send()


def registration_of(user, webinar: WebinarPage) -> Registration | None:
    """The learner's active registration for the event: their own, else one made as a guest
    with their email (which registering again takes over). One query."""
    return (
        Registration.objects.filter(webinar=webinar, status__in=ACTIVE)
        .filter(Q(user=user) | Q(email=user.email.lower()))
        .order_by(F("user_id").desc(nulls_last=True), "pk")
        .first()
    )


def registrations_of_learner(user, *, now=None) -> list[Registration]:
    """The learner's places at events still to come (or on now), soonest first: one query."""
    now = now or timezone.now()
    return list(
        Registration.objects.filter(
            user=user,
            status__in=ACTIVE,
            webinar__cancelled=False,
            webinar__starts_at__gt=now - timedelta(hours=12),
        )
        .select_related("webinar")
        .order_by("webinar__starts_at", "pk")
    )


def learner_webinars_export(user) -> dict:
    """The learner's live-event records for their data export: registrations (their own and
    those made as a guest with their email) and attendance from imported reports."""
    registrations = Registration.objects.filter(Q(user=user) | Q(email=user.email.lower())).select_related(
        "webinar"
    )
    return {
        "registrations": [
            {
                "webinar": r.webinar.title,
                "starts_at": r.webinar.starts_at,
                "status": r.status,
                "name": r.name,
                "email": r.email,
                "registered_at": r.created_at,
                "confirmed_at": r.confirmed_at,
                "cancelled_at": r.cancelled_at,
                "joined_at": r.joined_at,
                "join_clicks": r.join_count,
            }
            for r in registrations.order_by("created_at")
        ],
        "attendance": [
            {"webinar": a.webinar.title, "minutes": a.minutes, "intervals": a.intervals, "report": a.source}
            for a in Attendance.objects.filter(user=user).select_related("webinar").order_by("imported_at")
        ],
    }


def learner_webinars_forget(user) -> None:
    """When a learner deletes their account (anonymised, as its learning records are): their
    registrations and attendance keep counting in the reports but no longer name them, those
    made or reported under their email without the account too."""
    email = user.email.lower()
    _forget(Registration.objects.filter(Q(user=user) | Q(email=email)))
    Attendance.objects.filter(Q(user=user) | Q(email=email)).update(name="", email="")


def _forget(registrations) -> int:
    """Blank the registrations' names and give each an address that reaches nobody; they keep
    counting in the reports."""
    return registrations.update(
        name="", email=Concat(Value("usunieto-"), Cast("pk", CharField()), Value(FORGOTTEN_DOMAIN))
    )


def past_guests_forget(*, now=None) -> tuple[int, int]:
    """Guests' names and emails are kept while they are needed: for `WEBINAR_GUESTS_KEPT_DAYS`
    after the event, then forgotten as a deleted account's are. Their registrations and
    attendance rows stay, nameless, so the reports keep counting them. For beat, daily. Returns
    how many registrations and attendance rows were forgotten."""
    now = now or timezone.now()
    # An event lasts at most 12 hours (duration_minutes' limit): past this, it is long over.
    before = now - timedelta(days=settings.WEBINAR_GUESTS_KEPT_DAYS, hours=12)
    registrations = _forget(
        Registration.objects.filter(user__isnull=True, webinar__starts_at__lt=before).exclude(
            email__endswith=FORGOTTEN_DOMAIN
        )
    )
    attendances = (
        Attendance.objects.filter(user__isnull=True, webinar__starts_at__lt=before)
        .exclude(name="", email="")
        .update(name="", email="")
    )
    return registrations, attendances
