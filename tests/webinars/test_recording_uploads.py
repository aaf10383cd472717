"""Editors upload recordings through the webinar editor; anything that is not a video is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from webinars.models import WebinarPage

WEBM_HEADER = b"\x1a\x45\xdf\xa3" + b"\x00" * 60


def webinar_data(**recording):
    data = nested_form_data(
        {
            "title": "Seminarium – część 1",
            "slug": "seminarium",
            "kind": "seminar",
            "date": "2021-11-04",
            "summary": rich_text("<p>Działania obywatelskie.</p>"),
            "recordings": inline_formset(
                [
                    {
                        "title": "Część 1",
                        "video_url": "",
                        "duration": "0:45:00",
                        "chapters": streamfield([]),
                        **recording,
                    }
                ]
            ),
            "slide_deck_links": inline_formset([]),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"
    return data


def test_editor_uploads_a_webm_recording(editor_client, webinar_index, media_root):
    data = webinar_data()
    data["recordings-0-video_file"] = SimpleUploadedFile("czesc-1.webm", WEBM_HEADER, "video/webm")
    response = editor_client.post(f"/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/", data)
    assert response.status_code == 302
    part = WebinarPage.objects.get(slug="seminarium").recordings.get()
    assert part.video_file.name.startswith("recordings/czesc-1")
    assert (media_root / part.video_file.name).read_bytes() == WEBM_HEADER


@pytest.mark.parametrize(
    ("name", "content", "extra", "message"),
    [
        ("film.webm", b"MZ\x90\x00 not a video", {}, "Upload a video file in WebM, MP4 or Ogg format."),
        ("film.exe", WEBM_HEADER, {}, "Upload a video file in WebM, MP4 or Ogg format."),
        (
            "film.webm",
            WEBM_HEADER,
            {"video_url": "https://www.youtube.com/watch?v=gKEAfWSmGTY"},
            "Give either a YouTube URL or a video file, not both or neither.",
        ),
    ],
    ids=["not-a-video", "wrong-extension", "file-and-url"],
)
def test_bad_recordings_are_refused(editor_client, webinar_index, name, content, extra, message, settings):
    settings.LANGUAGE_CODE = "en"
    data = webinar_data(**extra)
    data["recordings-0-video_file"] = SimpleUploadedFile(name, content)
    response = editor_client.post(f"/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebinarPage.objects.exists()


def test_not_a_youtube_link_is_refused(editor_client, webinar_index, settings):
    settings.LANGUAGE_CODE = "en"
    data = webinar_data(video_url="https://vimeo.com/123456")
    response = editor_client.post(f"/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/", data)
    assert response.status_code == 200
    assert "This is not a YouTube video URL." in response.content.decode()
