"""Attendance reports of live events, as Zoom and Microsoft Teams export them, read into join and
leave intervals per person, merged, clipped to the event's time and matched by email to the
event's registrations and to learner accounts.

Formats (found in the tools' exports; headers compared without case):
- Zoom's meeting "Participants" export: UTF-8 CSV, sometimes after a summary block; the table's
  header starts `Name (Original Name)` with `User Email`/`Email`, `Join Time`, `Leave Time`; one
  row per join. Times like `11/19/2021 09:54:15 AM`.
- Teams' attendance report: UTF-16 with a BOM, tab-separated, in sections; `3. In-Meeting
  activities` has one row per join (`Name, Join time, Leave time, Duration, Email, Role`);
  without it, `2. Participants` gives the first join and the last leave. Times like
  `15/11/22, 09:30:17` or `11/26/25, 4:16:54 PM`, or the Polish `15.11.2022, 09:30:17`.
- Any other list, such as ClickMeeting's attendee export (no real export was at hand: its API
  names an attendee's `nickname`, `email`, `start_date`, `end_date`) or a list a coordinator
  put together in a spreadsheet: a CSV (comma, semicolon or tab) whose header names a person's
  name, email, join and leave columns in English or Polish; ISO, Polish and US times.
None of these says its time zone: it is the downloader's, Europe/Warsaw unless told otherwise
(a time with an offset, as ISO allows, keeps its own)."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import WARSAW, Attendance, Registration, WebinarPage
from .signals import attendance_recorded

MAX_REPORT_BYTES = 5 * 1024 * 1024

ZOOM_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%b %d, %Y %H:%M:%S", "%m/%d/%Y %I:%M %p")
TEAMS_FORMATS = ("%d/%m/%y, %H:%M:%S", "%m/%d/%y, %I:%M:%S %p", "%d.%m.%Y, %H:%M:%S", "%d.%m.%y, %H:%M:%S")
LIST_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M:%S",
    "%d.%m.%Y, %H:%M", *ZOOM_FORMATS,
)  # fmt: skip
# A list's columns, by the names tools and people give them (compared without case).
LIST_COLUMNS = {
    "name": ("name", "nickname", "nick", "full name", "participant", "attendee", "imię i nazwisko",
             "imie i nazwisko", "uczestnik", "nazwa"),
    "email": ("email", "e-mail", "email address", "adres e-mail", "adres email", "user email"),
    "join": ("join time", "joined", "joined at", "start", "start_date", "start date", "entered",
             "wejście", "czas wejścia", "godzina wejścia", "dołączenie", "czas dołączenia"),
    "leave": ("leave time", "left", "left at", "end", "end_date", "end date", "exited", "wyjście",
              "czas wyjścia", "godzina wyjścia", "opuszczenie", "czas opuszczenia"),
}  # fmt: skip


@dataclass
class Row:
    name: str
    email: str
    start: datetime
    end: datetime


@dataclass
class Report:
    source: str
    rows: list


def _text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1250")  # an export re-saved by a Polish Excel


def _when(value: str, formats, tz) -> datetime:
    value = value.strip().strip('"')
    if formats is LIST_FORMATS:
        try:  # ISO, perhaps with its own offset (`2026-12-10T10:02:00+01:00`, `…Z`)
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo else moment.replace(tzinfo=tz)
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    raise ValidationError(
        _("The report has a time this platform cannot read: “%(value)s”.") % {"value": value}
    )


def _find(header, *names):
    lowered = [cell.strip().lower() for cell in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def parse_report(data: bytes, *, tz=WARSAW) -> Report:
    """Read a Zoom or Teams attendance report; ValidationError with the reason otherwise."""
    if len(data) > MAX_REPORT_BYTES:
        raise ValidationError(_("The report is larger than 5 MB."))
    text = _text(data)
    delimiter = _delimiter(text)
    lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    lowered = [[cell.strip().lower() for cell in line] for line in lines]
    # Zoom: the table's header row.
    for index, line in enumerate(lowered):
        if line and line[0] in ("name (original name)", "user name (original name)"):
            return Report("zoom", _zoom_rows(lines[index], lines[index + 1 :], tz))
    # Teams: the per-join section, else the participants section.
    for titles, per_join in (
        (("3. in-meeting activities",), True),
        (("2. participants", "2. uczestnicy"), False),
    ):
        for index, line in enumerate(lowered):
            if line and line[0] in titles and index + 1 < len(lines):
                return Report("teams", _teams_rows(lines[index + 1], lines[index + 2 :], tz, per_join))
    # Any other list: a header with the four columns among the first lines.
    for index, line in enumerate(lowered[:20]):
        columns = {key: _find(line, *names) for key, names in LIST_COLUMNS.items()}
        if None not in columns.values():
            return Report("other", _list_rows(columns, lines[index + 1 :], tz))
    raise ValidationError(
        _(
            "This is not an attendance report from Zoom (Participants, CSV) or Teams (attendance "
            "report), nor a list with the columns name, email, join time and leave time."
        )
    )


def _delimiter(text: str) -> str:
    """Tab (Teams), semicolon (a Polish spreadsheet's CSV) or comma, by the first lines."""
    head = text[:2000]
    if "\t" in head:
        return "\t"
    first = next((line for line in head.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def _list_rows(columns, lines, tz):
    rows = []
    for line in lines:
        if len(line) <= max(columns.values()) or not line[columns["join"]].strip():
            continue
        rows.append(
            Row(
                line[columns["name"]].strip(),
                line[columns["email"]].strip().lower(),
                _when(line[columns["join"]], LIST_FORMATS, tz),
                _when(line[columns["leave"]], LIST_FORMATS, tz),
            )
        )
    return rows


def _zoom_rows(header, lines, tz):
    name = 0
    email = _find(header, "user email", "email")
    join = _find(header, "join time")
    leave = _find(header, "leave time")
    if join is None or leave is None:
        raise ValidationError(_("The Zoom report has no join and leave times: export it with them."))
    rows = []
    for line in lines:
        if len(line) <= max(join, leave) or not line[join].strip() or line[join].strip() == "--":
            continue
        address = line[email].strip().lower() if email is not None else ""
        rows.append(Row(line[name].strip(), address, _when(line[join], ZOOM_FORMATS, tz),
                        _when(line[leave], ZOOM_FORMATS, tz)))  # fmt: skip
    return rows


def _teams_rows(header, lines, tz, per_join):
    email = _find(header, "email", "adres e-mail")
    if per_join:
        join, leave = _find(header, "join time"), _find(header, "leave time")
    else:
        join = _find(header, "first join", "pierwsze dołączenie")
        leave = _find(header, "last leave", "ostatnie wyjście")
    if join is None or leave is None:
        raise ValidationError(_("The Teams report has no join and leave times."))
    rows = []
    for line in lines:
        if not line or not line[0].strip() or line[0].strip()[:2] in ("3.", "4."):
            break  # the next section
        if len(line) <= max(join, leave):
            continue
        address = line[email].strip().lower() if email is not None and len(line) > email else ""
        rows.append(Row(line[0].strip(), address, _when(line[join], TEAMS_FORMATS, tz),
                        _when(line[leave], TEAMS_FORMATS, tz)))  # fmt: skip
    return rows


def merge_intervals(intervals):
    """Overlapping or touching intervals (two devices, a reconnection) as one."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def minutes_within(intervals, start, end) -> int:
    """Whole minutes of the merged intervals inside [start, end]."""
    total = timedelta()
    for a, b in merge_intervals(intervals):
        a, b = max(a, start), min(b, end)
        if b > a:
            total += b - a
    return int(total.total_seconds() // 60)


@dataclass
class ImportResult:
    people: int
    matched: int
    unmatched: list


def attendance_import(*, webinar: WebinarPage, data: bytes, tz=WARSAW) -> ImportResult:
    """Replace the event's attendance with the report's: one row per person (by email, or by
    name when the report has none), matched to the registration and the account with that
    email. The minutes count only time within the event (a host's early start is not)."""
    report = parse_report(data, tz=tz)
    people = {}
    for row in report.rows:
        key = row.email or f"name:{row.name.lower()}"
        person = people.setdefault(key, {"name": row.name, "email": row.email, "intervals": []})
        person["intervals"].append((row.start, row.end))
    registrations = {
        r.email: r
        for r in webinar.registrations.filter(email__in=[p["email"] for p in people.values() if p["email"]])
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
    }
    emails = [p["email"] for p in people.values() if p["email"]]
    users = {user.email.lower(): user for user in _active_accounts().filter(email__in=emails)}
    attendances = []
    for person in people.values():
        registration = registrations.get(person["email"])
        user = (registration.user if registration and registration.user_id else None) or users.get(
            person["email"]
        )
        merged = merge_intervals(person["intervals"])
        attendances.append(
            Attendance(
                webinar=webinar, registration=registration, user=user, name=person["name"][:200],
                email=person["email"], source=report.source,
                intervals=[[a.isoformat(), b.isoformat()] for a, b in merged],
                minutes=minutes_within(merged, webinar.starts_at, webinar.ends_at),
            )
        )  # fmt: skip
    with transaction.atomic():
        WebinarPage.objects.select_for_update(of=("self",)).get(pk=webinar.pk)
        webinar.attendances.all().delete()
        Attendance.objects.bulk_create(attendances)
        attendance_recorded.send(sender=Attendance, webinar=webinar, attendances=attendances)
    unmatched = [a for a in attendances if a.user is None and a.registration is None]
    return ImportResult(
        people=len(attendances), matched=len(attendances) - len(unmatched), unmatched=unmatched
    )


def _active_accounts():
    """Accounts attendance may be matched to: active, not deleted."""
    return get_user_model().objects.filter(is_active=True, anonymised_at__isnull=True)


def attendance_match(
    *, attendance: Attendance, registration: Registration | None = None, user=None
) -> Attendance:
    """Match a row nobody matched (a name the report spelled otherwise, an email it lacked) to
    one of the event's registrations or to a learner's account, as a coordinator chose, and tell
    the layers above (a course step made of the event) as an import does. A person matched on
    another row of the event is refused: their minutes would count twice."""
    if registration is None and user is None:
        raise ValidationError(_("Choose a registration or give a learner's email."))
    webinar = attendance.webinar
    if registration is not None:
        if registration.webinar_id != webinar.pk:
            raise ValidationError(_("This registration is for another event."))
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError(_("This registration was cancelled."))
        if registration.user_id:
            if user is not None and user.pk != registration.user_id:
                raise ValidationError(_("The registration belongs to another learner."))
            user = registration.user
        elif user is None:
            # A guest's registration under an account's email: the account, as an import matches it.
            user = _active_accounts().filter(email__iexact=registration.email).first()
    if user is not None and (not user.is_active or getattr(user, "anonymised_at", None)):
        raise ValidationError(_("This account is not active."))
    with transaction.atomic():
        WebinarPage.objects.select_for_update(of=("self",)).get(pk=webinar.pk)
        # Read again under the lock: a report imported meanwhile replaces the rows.
        current = Attendance.objects.filter(pk=attendance.pk, webinar=webinar).first()
        if current is None:
            raise ValidationError(_("The attendance was imported again meanwhile: reload the page."))
        if current.registration_id or current.user_id:
            raise ValidationError(_("This row is already matched."))
        if registration is None:
            # A learner who registered: their registration is matched too, so they count as there.
            registration = (
                webinar.registrations.filter(Q(user=user) | Q(user__isnull=True, email__iexact=user.email))
                .exclude(status=Registration.Status.CANCELLED)
                .order_by("created_at")
                .first()
            )
        others = webinar.attendances.exclude(pk=current.pk)
        taken = others.filter(registration=registration).first() if registration else None
        if taken is None and user is not None:
            taken = others.filter(user=user).first()
        if taken is not None:
            raise ValidationError(
                _("%(person)s is already matched to another row of this event (“%(row)s”).")
                % {
                    "person": registration.name if registration else user.get_display_name(),
                    "row": taken.name,
                }
            )
        attendance.registration, attendance.user = registration, user
        attendance.save(update_fields=["registration", "user"])
        attendance_recorded.send(sender=Attendance, webinar=webinar, attendances=[attendance])
    return attendance
