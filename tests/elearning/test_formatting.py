import pytest

from elearning.formatting import format_timecode, parse_timecode


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0", 0),
        ("45", 45),
        ("90", 90),
        ("1:05", 65),
        ("12:30", 750),
        ("90:00", 5400),
        ("1:02:03", 3723),
        (" 0:00:07 ", 7),
    ],
    ids=["zero", "seconds", "seconds-over-a-minute", "m:ss", "mm:ss", "long-minutes", "h:mm:ss", "spaces"],
)
def test_parse_timecode(text, seconds):
    assert parse_timecode(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1:75", "1:61:00", "-5", "1:2:3:4", "1.5"],
    ids=["empty", "letters", "seconds-over-59", "minutes-over-59", "negative", "too-many-parts", "decimal"],
)
def test_parse_timecode_rejects(text):
    with pytest.raises(ValueError):
        parse_timecode(text)


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (65, "1:05"), (3723, "1:02:03")])
def test_format_timecode(seconds, text):
    assert format_timecode(seconds) == text
