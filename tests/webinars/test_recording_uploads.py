"""Recordings are uploaded once, to the media library, and chosen in webinar pages: saving or
autosaving a page never sends or stores the file again. The duration and a poster frame are read
from the file (ffprobe, ffmpeg); what is not a video, or too large, is refused; files nothing
uses any more are removed."""

import datetime
import os
import subprocess
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from webinars.models import RecordingFile, WebinarPage
from webinars.services import recording_file_probe, recording_files_remove_orphans

pytestmark = pytest.mark.django_db

WEBM_HEADER = b"\x1a\x45\xdf\xa3" + b"\x00" * 60
ADD_VIDEO = "/admin/media/video/add/"


@pytest.fixture(scope="module")
def real_video(tmp_path_factory):
    """A 12-second 320x180 WebM made with Debian's ffmpeg."""
    path = tmp_path_factory.mktemp("video") / "seminarium.webm"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10", "-t", "12",
         "-c:v", "libvpx", "-b:v", "100k", str(path)],
        check=True,
        timeout=120,
    )  # fmt: skip
    return path.read_bytes()


def stored_files(media_root):
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def upload(client, name, content, title="Seminarium – część 1"):
    from wagtail.models import Collection

    return client.post(
        ADD_VIDEO,
        {
            "title": title,
            "file": SimpleUploadedFile(name, content, "video/webm"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


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
                        "video": "",
                        "duration": "",
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


def test_an_editor_uploads_once_and_the_page_only_names_the_file(
    editor_client, webinar_index, media_root, real_video, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = upload(editor_client, "czesc-1.webm", real_video)
    assert response.status_code == 302, response.content.decode()[:3000]
    recording = RecordingFile.objects.get()
    assert recording.file.name.startswith("media/czesc-1") and recording.type == "video"
    assert len(queued) == 1  # reading the file is queued for a worker
    assert stored_files(media_root) == [recording.file.name]

    # The page is saved, then saved again and again (autosave, drafts, publishing): it names the
    # file by its id, and nothing more is stored.
    url = f"/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/"
    response = editor_client.post(url, webinar_data(video=str(recording.pk)))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = WebinarPage.objects.get(slug="seminarium")
    edit = f"/admin/pages/{page.pk}/edit/"
    for _ in range(3):
        data = webinar_data(video=str(recording.pk))
        data.pop("action-publish")
        assert editor_client.post(edit, data).status_code == 302
    assert page.recordings.get().video == recording
    assert stored_files(media_root) == [recording.file.name]


def test_the_duration_and_a_poster_are_read_from_the_file(media_root, real_video):
    from django.core.files.base import ContentFile

    recording = RecordingFile(title="Seminarium", type="video")
    recording.file.save("seminarium.webm", ContentFile(real_video), save=False)
    recording.save()
    assert not recording.probed and recording.duration == 0

    recording = recording_file_probe(recording_file_id=recording.pk)
    assert recording.probed and recording.probe_error == ""
    assert recording.duration == pytest.approx(12, abs=0.2)
    assert (recording.width, recording.height) == (320, 180)
    assert recording.thumbnail.name.startswith("media_thumbnails/seminarium")
    assert (media_root / recording.thumbnail.name).read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG
    # A recording part with this file takes its duration from it.
    from webinars.models import RecordingPart

    assert RecordingPart(video=recording).duration_seconds == 12
    # Read once: a second run changes nothing.
    assert recording_file_probe(recording_file_id=recording.pk).thumbnail == recording.thumbnail


def test_a_file_that_cannot_be_read_is_recorded_with_the_reason(media_root):
    from django.core.files.base import ContentFile

    recording = RecordingFile(title="Uszkodzony", type="video")
    recording.file.save("uszkodzony.webm", ContentFile(WEBM_HEADER), save=False)
    recording.save()
    recording = recording_file_probe(recording_file_id=recording.pk)
    assert recording.probed and recording.probe_error and recording.duration == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("film.webm", b"MZ\x90\x00 not a video", "Upload a video file in WebM, MP4 or Ogg format."),
        ("film.exe", WEBM_HEADER, "Upload a video file in WebM, MP4 or Ogg format."),
    ],
    ids=["not-a-video", "wrong-extension"],
)
def test_what_is_not_a_video_is_refused(editor_client, media_root, name, content, message, settings):
    settings.LANGUAGE_CODE = "en"
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not RecordingFile.objects.exists() and stored_files(media_root) == []


def test_a_file_over_the_limit_is_refused_and_the_form_says_the_limit(editor_client, media_root, settings):
    settings.VIDEO_MAX_UPLOAD_SIZE = 1000
    form = editor_client.get(ADD_VIDEO).content.decode()
    assert 'data-max-size="1000"' in form and "1000" in form
    response = upload(editor_client, "duzy.webm", WEBM_HEADER + b"\x00" * 2000)
    assert response.status_code == 200
    assert "Plik jest za duży" in response.content.decode()
    assert not RecordingFile.objects.exists()


@pytest.mark.parametrize(
    ("recording", "message"),
    [
        (
            {"video_url": "https://www.youtube.com/watch?v=gKEAfWSmGTY", "video": "FILE"},
            "Give either a YouTube URL or a video file, not both or neither.",
        ),
        (
            {"video_url": "https://vimeo.com/123456", "duration": "0:45:00"},
            "This is not a YouTube video URL.",
        ),
        (
            {"video_url": "https://www.youtube.com/watch?v=gKEAfWSmGTY"},
            "Give the duration of the YouTube video.",
        ),
    ],
    ids=["file-and-url", "not-youtube", "youtube-without-duration"],
)
def test_bad_recording_parts_are_refused(
    editor_client, webinar_index, media_root, recording, message, settings
):
    from tests.factories import make_recording_file

    settings.LANGUAGE_CODE = "en"
    if recording.get("video") == "FILE":
        recording["video"] = str(make_recording_file(SimpleUploadedFile("a.webm", WEBM_HEADER)).pk)
    response = editor_client.post(
        f"/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/", webinar_data(**recording)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebinarPage.objects.exists()


def test_files_nothing_uses_are_removed_after_a_day(media_root):
    from tests.factories import make_recording_file

    kept = make_recording_file(SimpleUploadedFile("uzywany.webm", WEBM_HEADER))
    (media_root / "media").mkdir(exist_ok=True)
    old_orphan = media_root / "media" / "porzucony.webm"
    new_orphan = media_root / "media" / "przed-chwila.webm"
    legacy = media_root / "recordings" / "stary.webm"
    legacy.parent.mkdir(exist_ok=True)
    for path in (old_orphan, new_orphan, legacy):
        path.write_bytes(WEBM_HEADER)
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (old_orphan, legacy, media_root / kept.file.name):
        os.utime(path, (two_days_ago, two_days_ago))
    assert recording_files_remove_orphans() == 2
    assert not old_orphan.exists() and not legacy.exists()
    assert new_orphan.exists() and (media_root / kept.file.name).exists()


def test_files_not_read_are_queued_again(media_root, django_capture_on_commit_callbacks):
    from tests.factories import make_recording_file
    from webinars.services import recording_files_requeue_unprobed

    waiting = make_recording_file(SimpleUploadedFile("czeka.webm", WEBM_HEADER), probed=False)
    make_recording_file(SimpleUploadedFile("gotowy.webm", WEBM_HEADER))
    RecordingFile.objects.filter(pk=waiting.pk).update(
        created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=10)
    )
    assert recording_files_requeue_unprobed() == 1


def test_a_new_file_gets_a_new_poster_unless_the_editor_gave_one(
    media_root, real_video, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    recording = RecordingFile(title="Seminarium", type="video")
    recording.file.save("pierwszy.webm", ContentFile(real_video), save=False)
    recording.save()
    first = recording_file_probe(recording_file_id=recording.pk)
    assert first.poster_generated and first.thumbnail.name.startswith("media_thumbnails/pierwszy")
    # The editor replaces the video: the poster is taken from the new one, the old one goes.
    first.file.save("drugi.webm", ContentFile(real_video), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        second = recording_file_probe(recording_file_id=recording.pk)
    assert second.thumbnail.name.startswith("media_thumbnails/drugi")
    assert not (media_root / first.thumbnail.name).exists()
    # A poster the editor uploaded stays, whatever the file.
    RecordingFile.objects.filter(pk=recording.pk).update(poster_generated=False)
    second.refresh_from_db()
    second.file.save("trzeci.webm", ContentFile(real_video), save=True)
    third = recording_file_probe(recording_file_id=recording.pk)
    assert third.thumbnail.name == second.thumbnail.name


def test_a_file_in_use_is_not_deleted_and_the_editor_is_told_where_it_is_used(
    editor_client, webinar_index, media_root
):
    from tests.factories import make_recording_file

    recording = make_recording_file(SimpleUploadedFile("uzywany.webm", WEBM_HEADER))
    url = f"/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/"
    assert editor_client.post(url, webinar_data(video=str(recording.pk))).status_code == 302
    page = WebinarPage.objects.get(slug="seminarium")
    delete = f"/admin/media/delete/{recording.pk}/"

    shown = editor_client.get(delete).content.decode()
    assert "Tego pliku nagrania nie można usunąć" in shown and f"/admin/pages/{page.pk}/edit/" in shown
    assert "Tak, usuń" not in shown
    response = editor_client.post(delete)
    assert response.status_code == 409 and "nie został usunięty" in response.content.decode()
    assert RecordingFile.objects.filter(pk=recording.pk).exists()
    assert (media_root / recording.file.name).exists()

    # Once the page plays a YouTube video instead, the file may go.
    part = page.recordings.get()
    data = webinar_data(
        id=str(part.pk), video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", duration="00:10:00"
    )
    data["recordings-INITIAL_FORMS"] = "1"  # the part is changed, not added
    assert editor_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    assert "Tak, usuń" in editor_client.get(delete).content.decode()
    assert page.recordings.get().video is None
    assert editor_client.post(delete).status_code == 302
    assert not RecordingFile.objects.filter(pk=recording.pk).exists()


def test_a_file_chosen_only_in_a_draft_is_not_deleted(editor_client, webinar_index, media_root):
    """A live page's draft names its parts only in its latest revision: a file chosen there is in
    use too."""
    from tests.factories import make_recording_file

    recording = make_recording_file(SimpleUploadedFile("w-szkicu.webm", WEBM_HEADER))
    url = f"/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/"
    youtube = {"video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "duration": "00:10:00"}
    assert editor_client.post(url, webinar_data(**youtube)).status_code == 302
    page = WebinarPage.objects.get(slug="seminarium")
    draft = webinar_data(id=str(page.recordings.get().pk), video=str(recording.pk))
    draft["recordings-INITIAL_FORMS"] = "1"
    draft.pop("action-publish")
    assert editor_client.post(f"/admin/pages/{page.pk}/edit/", draft).status_code == 302
    assert page.recordings.get().video is None  # the live part still plays YouTube
    response = editor_client.post(f"/admin/media/delete/{recording.pk}/")
    assert response.status_code == 409 and f"/admin/pages/{page.pk}/edit/" in response.content.decode()
    assert RecordingFile.objects.filter(pk=recording.pk).exists()


def test_the_editors_player_of_a_part_is_for_those_who_may_edit_its_webinar(
    editor_client, client, coordinator, webinar_index, media_root
):
    from tests.factories import make_webinar

    _webinar, part = make_webinar(webinar_index, video_file=SimpleUploadedFile("plik.webm", WEBM_HEADER))
    answer = editor_client.get(f"/admin/recording-parts/{part.pk}/player/").json()
    assert answer["video"] == part.video.file.url and answer["youtube"] is False
    client.force_login(coordinator)
    assert client.get(f"/admin/recording-parts/{part.pk}/player/").status_code == 403
