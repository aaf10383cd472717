"""Pages and JSON go out compressed to browsers that accept gzip (a learner's slow line gets a
third of the bytes); media, ranges and what is not text go out as they are."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_compressed_for_browsers_that_accept_it(client, course_index):
    plain = client.get("/kursy/")
    assert plain.status_code == 200 and "Content-Encoding" not in plain
    for _ in range(2):  # rendered, then from the page cache
        response = client.get("/kursy/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        html = gzip.decompress(response.content)
        assert b'<html lang="pl">' in html
        assert len(response.content) < len(html) / 2


def test_media_and_ranges_are_not_compressed(client, media_root):
    (media_root / "recordings").mkdir()
    (media_root / "recordings" / "film.webm").write_bytes(bytes(range(256)) * 40)
    whole = client.get("/media/recordings/film.webm", HTTP_ACCEPT_ENCODING="gzip")
    assert whole.status_code == 200 and "Content-Encoding" not in whole
    part = client.get("/media/recordings/film.webm", HTTP_RANGE="bytes=0-99", HTTP_ACCEPT_ENCODING="gzip")
    assert part.status_code == 206 and "Content-Encoding" not in part
    assert len(b"".join(part.streaming_content)) == 100
