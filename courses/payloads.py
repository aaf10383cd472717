"""The JSON a lesson page's player sends, checked by a schema before anything reads it: a
wrong type, an absurd number or a nesting too deep is a 400 with a message in the learner's
language, never a crash. What depends on the lesson (is the segment in it, does a range lie
within the recording) is the service's to check."""

from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .services import MAX_RANGES

# The largest id the database holds (a signed 64-bit integer), as the `<id:>` path converter.
MAX_ID = 2**63 - 1
Seconds = Annotated[float, Field(ge=0, le=10**7)]


class ProgressSave(BaseModel):
    """`{"lesson": id, "segment": block id, "position": seconds, "ranges": [[start, end], ...]}`"""

    model_config = ConfigDict(strict=True, allow_inf_nan=False, extra="ignore")

    lesson: Annotated[int, Field(ge=1, le=MAX_ID)]
    segment: Annotated[str, Field(max_length=64)]
    position: Seconds
    ranges: Annotated[list[tuple[Seconds, Seconds]], Field(max_length=MAX_RANGES)] = []


class PayloadError(ValueError):
    """The payload is not what the player sends; `str()` says why, in the learner's language."""


def _message(error: dict) -> str:
    location = error["loc"]
    if error["type"] == "json_invalid" or (not location and "recursion" in error["msg"]):
        return _("The request is not valid JSON; it may have been cut off.")
    if not location:
        return _("The request must be a JSON object.")
    field = location[0]
    if field == "lesson":
        return _("Say which lesson the progress is for.")
    if field == "segment":
        return _("Say which video segment of the lesson the progress is for.")
    if field == "position":
        return _("The position must be a number of seconds within the recording.")
    if len(location) == 1:
        return _("The played ranges must be a list of at most %(max)s pairs.") % {"max": MAX_RANGES}
    return _("Each played range must be a pair of numbers of seconds.")


def progress_save(body: bytes) -> ProgressSave:
    """The progress save in `body`, or PayloadError saying the first thing wrong with it."""
    try:
        return ProgressSave.model_validate_json(body)
    except ValidationError as error:
        raise PayloadError(_message(error.errors(include_url=False)[0])) from None
