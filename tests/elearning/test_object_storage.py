"""Media on object storage: with AWS_STORAGE_BUCKET_NAME and AWS_PRIVATE_BUCKET_NAME set, uploads,
the worker's slides and posters, and certificate PDFs go to an S3-compatible server (moto's,
started here), public media at plain addresses that browsers fetch (byte ranges for video),
certificates only at short-lived signed addresses handed to their owner, and documents only
through Wagtail's view. The site and a real Celery worker are configured by the environment
alone, as in production."""

import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import environ
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates.models import Certificate
from demo.sample_pdfs import make_slide_deck_pdf
from elearning.settings.base import file_storages
from tests.factories import course_pages, make_course, make_lesson, right_answers
from tests.services import CeleryWorker, S3Server, wait_for
from webinars.models import RecordingFile, SlideDeck

pytestmark = pytest.mark.worker

MEDIA, PRIVATE = "cams-media", "cams-private"


def fetch(url, headers=None):
    """An anonymous GET, as a browser would make it: (status, headers, body)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def object_storage(tmp_path, monkeypatch, settings):
    """The S3 server with its two buckets, and this process set up from the environment that
    production would have."""
    server = S3Server(tmp_path / "s3.log").start()
    client = server.client()
    client.create_bucket(Bucket=MEDIA)
    client.create_bucket(Bucket=PRIVATE)
    variables = {
        "AWS_STORAGE_BUCKET_NAME": MEDIA,
        "AWS_PRIVATE_BUCKET_NAME": PRIVATE,
        "AWS_S3_ENDPOINT_URL": server.url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": server.access_key,
        "AWS_SECRET_ACCESS_KEY": server.secret_key,
        "AWS_DEFAULT_ACL": "public-read",
        "ELEARNING_TEST_OBJECT_STORAGE": "1",  # the test settings honour the variables
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**file_storages(environ.Env()), "staticfiles": settings.STORAGES["staticfiles"]}
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    server.bucket_client = client
    server.variables = variables
    yield server
    server.stop()


@pytest.fixture
def s3_worker(object_storage, redis_server, tmp_path, django_db_serialized_rollback, transactional_db):
    from django.db import connection

    from elearning.celery import app

    app.control.purge()
    worker = CeleryWorker(
        redis_url=redis_server.url,
        db_name=connection.settings_dict["NAME"],
        media_root=tmp_path / "unused-media",
        private_root=tmp_path / "unused-private",
        log_path=tmp_path / "worker.log",
        extra_env=object_storage.variables,
    ).start()
    yield worker
    worker.stop()


def keys(server, bucket):
    return {item["Key"] for item in server.bucket_client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_uploads_slides_posters_and_certificates_live_on_object_storage(
    object_storage, s3_worker, tmp_path, test_video, course_index, client, django_user_model
):
    from django.core.files.storage import default_storage, storages

    assert default_storage.url("a.png").startswith(f"{object_storage.url}/{MEDIA}/")
    assert not (tmp_path / "unused-media").exists()

    # A slide deck: uploaded to the bucket, rendered by the worker, slides stored beside it.
    deck = SlideDeck(title="Mikrogranty")
    pdf = make_slide_deck_pdf("Mikrogranty", [("Etap 1", "Ogłoszenie naboru."), ("Etap 2", "Ocena.")])
    deck.file.save("mikrogranty.pdf", ContentFile(pdf), save=False)
    deck.save()
    from django.db import transaction

    from webinars.services import slide_deck_queue_render

    with transaction.atomic():
        slide_deck_queue_render(deck=deck)

    def rendered():
        deck.refresh_from_db()
        return deck.status in (SlideDeck.Status.READY, SlideDeck.Status.FAILED)

    wait_for(rendered, timeout=90, message=f"the worker to render the deck\n{s3_worker.output()}")
    assert deck.status == SlideDeck.Status.READY, deck.error
    slide = deck.slides.order_by("number").last()
    status, headers, body = fetch(slide.image.url)
    assert status == 200 and body[8:12] == b"WEBP", (slide.image.url, status)
    assert headers["Content-Type"] == "image/webp"
    assert headers["Cache-Control"] == "public, max-age=604800"

    # A recording: the worker reads its duration and takes a poster from a copy of the object.
    video = test_video.read_bytes()
    recording = RecordingFile(title="Seminarium", type="video")
    recording.file.save("seminarium.webm", SimpleUploadedFile("seminarium.webm", video), save=False)
    from wagtail.models import Collection

    recording.collection = Collection.get_first_root_node()
    with transaction.atomic():
        recording.save()

    def probed():
        recording.refresh_from_db()
        return recording.probed

    wait_for(probed, timeout=90, message=f"the worker to read the recording\n{s3_worker.output()}")
    assert recording.probe_error == "" and recording.duration == pytest.approx(20, abs=0.5)
    assert recording.thumbnail.name in keys(object_storage, MEDIA)
    status, headers, body = fetch(recording.file.url, {"Range": "bytes=100-199"})
    assert status == 206 and body == video[100:200], status
    assert headers["Content-Range"] == f"bytes 100-199/{len(video)}"

    # A certificate: the worker renders it into the private bucket.
    learner = django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-12345")
    stranger = django_user_model.objects.create_user("obcy", "obcy@example.org", "haslo-obcego-1")
    course = make_course(course_index, title="Fundusz sąsiedzki")
    make_lesson(course, title="Czym jest fundusz")
    from courses.services import enrolment_create, lesson_mark_done, quiz_attempt_start, quiz_attempt_submit

    enrolment_create(learner=learner, course=course)
    for item in course_pages(course):
        if item.is_quiz:
            attempt = quiz_attempt_start(learner=learner, quiz=item)
            quiz_attempt_submit(attempt=attempt, answers=right_answers(attempt.questions))
        else:
            lesson_mark_done(learner=learner, lesson=item)

    def issued():
        return Certificate.objects.filter(learner=learner, state="issued").first()

    certificate = wait_for(issued, timeout=90, message=f"the certificate\n{s3_worker.output()}")
    assert keys(object_storage, PRIVATE) == {certificate.pdf.name}
    assert certificate.pdf.name not in keys(object_storage, MEDIA)
    unsigned = f"{object_storage.url}/{PRIVATE}/{certificate.pdf.name}"
    assert fetch(unsigned)[0] == 403  # the object itself is private

    address = f"/certyfikat/{certificate.verification_id}/pdf/"
    assert client.get(address).status_code == 302  # to the login
    client.force_login(stranger)
    assert client.get(address).status_code == 404
    client.force_login(learner)
    response = client.get(address)
    assert response.status_code == 302 and "no-store" in response["Cache-Control"]
    signed = response["Location"]
    query = parse_qs(urlsplit(signed).query)
    assert signed.startswith(f"{object_storage.url}/{PRIVATE}/")
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query
    status, headers, body = fetch(signed)
    assert status == 200 and body.startswith(b"%PDF")
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")

    # A document: private on the bucket, served by Wagtail's view after its checks.
    from wagtail.documents.models import Document

    document = Document(title="Regulamin", collection=Collection.get_first_root_node())
    document.file.save("regulamin.txt", ContentFile(b"Regulamin konkursu."), save=False)
    document.save()
    assert fetch(f"{object_storage.url}/{MEDIA}/{document.file.name}")[0] == 403
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Regulamin konkursu."

    # Nothing landed on this machine's disk.
    assert not (tmp_path / "unused-media").exists() and not (tmp_path / "unused-private").exists()
    assert type(storages["private"]).__name__ == "S3Storage"
