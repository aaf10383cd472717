"""The calendar file of a live event (RFC 5545, the icalendar library): one event whose UID is
the registration's, so a later file (a new time, a cancellation) with a higher SEQUENCE replaces
it in the registrant's calendar. Times are in Europe/Warsaw, with the zone's definition included."""

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vCalAddress, vText

from .models import WARSAW


def event_uid(webinar, registration) -> str:
    """One event per registration: a cancelled and later renewed place is a new event, whose
    SEQUENCE starts again."""
    host = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"webinar-{webinar.pk}-{registration.pk}@{host}"


def invitation(webinar, registration, *, sequence: int, cancelled: bool = False) -> bytes:
    from .live_events import registration_links

    links = registration_links(registration)
    calendar = Calendar()
    calendar.add("prodid", "-//Centrum OPUS//CAMS e-learning//PL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", event_uid(webinar, registration))
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(webinar.starts_at, WARSAW))
    event.add("dtend", timezone.localtime(webinar.ends_at, WARSAW))
    event.add("summary", webinar.title)
    event.add("description", f"{strip_tags(webinar.summary).strip()}\n\n{links['join']}")
    event.add("location", links["join"])
    event.add("url", links["page"])
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.rsplit('<', 1)[-1].rstrip('>')}")
    organizer.params["cn"] = vText(settings.WAGTAIL_SITE_NAME)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.name)
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
