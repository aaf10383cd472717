"""Uploaded media are served with HTTP Range support, so a browser can seek in a video."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(media_root):
    (media_root / "recordings").mkdir()
    path = media_root / "recordings" / "film.webm"
    path.write_bytes(bytes(range(256)) * 40)  # 10,240 bytes
    return path


def test_whole_file(client, video):
    response = client.get("/media/recordings/film.webm")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert b"".join(response.streaming_content) == video.read_bytes()
    assert response["Content-Type"] == "video/webm"


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=5000-", 5000, 10239),
        ("bytes=-100", 10140, 10239),
        ("bytes=10000-99999", 10000, 10239),
    ],
    ids=["first-100", "open-ended", "suffix", "past-the-end"],
)
def test_range(client, video, header, start, end):
    response = client.get("/media/recordings/film.webm", HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/10240"
    assert int(response["Content-Length"]) == end - start + 1
    assert b"".join(response.streaming_content) == video.read_bytes()[start : end + 1]


def test_unsatisfiable_range(client, video):
    response = client.get("/media/recordings/film.webm", HTTP_RANGE="bytes=20000-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */10240"


@pytest.mark.parametrize(
    "path",
    ["../settings.py", "recordings/../../etc/passwd", "missing.webm", "recordings"],
    ids=["parent", "traversal", "missing", "directory"],
)
def test_no_way_out_of_media(client, video, path):
    assert client.get(f"/media/{path}").status_code == 404


def test_post_is_refused(client, video):
    assert client.post("/media/recordings/film.webm").status_code == 405


@pytest.mark.parametrize(
    "path",
    ["%00", "recordings/film.webm%00.txt", "documents/raport.pdf"],
    ids=["nul", "nul-suffix", "documents-go-through-their-own-view"],
)
def test_bad_or_private_paths_are_not_found(client, video, media_root, path):
    (media_root / "documents").mkdir()
    (media_root / "documents" / "raport.pdf").write_bytes(b"%PDF-1.7")
    assert client.get(f"/media/{path}").status_code == 404
