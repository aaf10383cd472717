"""The lesson page's markup for slow lines and assistive technology: an uploaded video fetches
nothing before play (preload="none", with its poster), the YouTube player speaks the page's
language, and the chapters are a nav beside the video's figure, not inside it (valid HTML)."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_course, make_lesson, make_webinar

pytestmark = pytest.mark.django_db

WEBM_HEADER = b"\x1a\x45\xdf\xa3" + b"\x00" * 60


def test_an_uploaded_video_waits_for_play_and_shows_its_poster(client, course_index, webinar_index):
    _webinar, part = make_webinar(
        webinar_index, video_file=SimpleUploadedFile("nagranie.webm", WEBM_HEADER), chapters=[(10, "Wstęp")]
    )
    part.video.thumbnail.save("plakat.jpg", ContentFile(b"\xff\xd8\xff\xe0"), save=True)
    lesson = make_lesson(make_course(course_index), part=part, start=0, end=60)
    html = client.get(lesson.url).content.decode()
    video = re.search(r"<video [^>]*>", html).group(0)
    assert 'preload="none"' in video and f'poster="{part.video.thumbnail.url}"' in video
    figure = re.search(r"<figure class=\"video-segment__figure\">.*?</figure>", html, re.S).group(0)
    assert "<nav" not in figure and '<nav class="chapters"' in html


@pytest.mark.parametrize(("prefix", "language"), [("", "pl"), ("/en", "en")])
def test_the_youtube_player_speaks_the_pages_language(client, course_index, webinar_index, prefix, language):
    _webinar, part = make_webinar(webinar_index)
    lesson = make_lesson(make_course(course_index), part=part, start=0, end=60)
    html = client.get(prefix + lesson.url).content.decode()
    assert f"&amp;hl={language}&amp;" in html
