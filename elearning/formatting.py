"""How times are written for people: timecodes (the `h:mm:ss` strings editors type, and the
seconds the code stores) and learner-facing durations ("1 h 20 min")."""

import re

from django.utils.translation import gettext as _

_TIMECODE = re.compile(r"^\s*(?:(?:(\d+):)?(\d+):)?(\d+)\s*$")


def parse_timecode(text: str) -> int:
    """Return whole seconds for `ss`, `mm:ss` or `h:mm:ss`; raise ValueError otherwise."""
    match = _TIMECODE.match(str(text))
    if not match:
        raise ValueError(f"not a timecode: {text!r}")
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    if (match.group(2) and seconds > 59) or (match.group(1) and minutes > 59):
        raise ValueError(f"out of range: {text!r}")
    return hours * 3600 + minutes * 60 + seconds


def format_timecode(seconds: int) -> str:
    """Return `m:ss` below an hour and `h:mm:ss` above, as video players show time."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_duration(seconds: int) -> str:
    """A learner-facing estimate such as "1 h 20 min" or "45 min"."""
    minutes = max(round((seconds or 0) / 60), 1 if seconds else 0)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": minutes}
