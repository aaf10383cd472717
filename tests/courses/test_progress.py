"""Enrolment and lesson progress: what counts as watched, bad payloads, access, retries, tabs."""

import json

import pytest

from courses.models import Enrolment, LessonProgress
from courses.services import enrolment_create, lesson_progress_record, merge_ranges
from tests.factories import make_course, make_lesson, make_webinar, playing_since

URL = "/nauka/postep/"


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("anna", "anna@example.org", "haslo-anny-123")


@pytest.fixture
def course_setup(course_index, webinar_index):
    _webinar, part = make_webinar(webinar_index, duration_seconds=600)
    course = make_course(course_index, title="Fundusz sąsiedzki")
    video = make_lesson(course, title="Wideo", part=part, start=100, end=200)
    text = make_lesson(course, title="Tekst")
    return course, video, text


@pytest.fixture
def enrolled(learner, course_setup):
    course, video, text = course_setup
    enrolment_create(learner=learner, course=course)
    return learner, course, video, text


def segment_of(lesson):
    return next(iter(lesson.video_segments()))


def post(client, payload, raw=None):
    body = raw if raw is not None else json.dumps(payload)
    return client.post(URL, body, content_type="application/json")


@pytest.mark.parametrize(
    ("ranges", "merged"),
    [
        ([[0, 10], [5, 20]], [[0, 20]]),
        ([[30, 40], [0, 10]], [[0, 10], [30, 40]]),
        ([[0, 10], [10, 12]], [[0, 12]]),
        ([[5, 5]], []),
    ],
    ids=["overlap", "unsorted", "touching", "empty"],
)
def test_merge_ranges(ranges, merged):
    assert merge_ranges(ranges) == merged


def test_enrolling_twice_gives_one_enrolment(learner, course_setup):
    course = course_setup[0]
    assert enrolment_create(learner=learner, course=course) == enrolment_create(
        learner=learner, course=course
    )
    assert Enrolment.objects.count() == 1


def test_enrol_from_the_course_page(client, learner, course_setup):
    course = course_setup[0]
    client.force_login(learner)
    for _ in range(2):  # a double click
        response = client.post(f"/nauka/kurs/{course.pk}/zapisz/")
        assert response.status_code == 302 and response.url == course.url
    assert Enrolment.objects.filter(learner=learner, course=course).count() == 1
    page = client.get(course.url).content.decode()
    assert "0%" in page and "Rozpocznij kurs" in page


def test_anonymous_visitors_read_the_course_and_are_sent_to_log_in(client, course_setup):
    course = course_setup[0]
    page = client.get(course.url)
    assert page.status_code == 200
    response = client.post(f"/nauka/kurs/{course.pk}/zapisz/")
    assert response.status_code == 302
    assert response.url.endswith(f"?next={course.url}")
    assert not Enrolment.objects.exists()


def test_seeking_ahead_does_not_complete_a_video_lesson(enrolled):
    learner, _course, video, _text = enrolled
    segment = segment_of(video)
    # Played 100-110, then jumped to 195 and played to the end: 15 s of 100.
    progress = lesson_progress_record(
        learner=learner, lesson=video, segment=segment, position=200, ranges=[[100, 110], [195, 200]]
    )
    assert progress.watched_seconds == 15
    assert progress.completed_at is None


def test_watching_the_threshold_completes_and_ranges_accumulate(enrolled):
    learner, _course, video, _text = enrolled
    segment = segment_of(video)
    playing_since(learner, video, 100)
    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=150, ranges=[[100, 150]])
    # A second tab reports only what it played; nothing is lost.
    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=120, ranges=[[140, 185]])
    progress = LessonProgress.objects.get(learner=learner, lesson=video)
    assert progress.watched == {segment: [[100.0, 185.0]]}
    assert progress.completed_at is None  # 85% < 90%
    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=195, ranges=[[184, 195]])
    progress.refresh_from_db()
    assert progress.watched_seconds == 95
    assert progress.completed_at is not None
    assert progress.position == 195
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.last_lesson_id == video.pk


def test_last_activity_is_kept_to_the_minute(enrolled):
    """Saves every few seconds rewrite the enrolment only when the lesson changes or a minute
    has passed: one write fewer per save."""
    import datetime

    learner, _course, video, _text = enrolled
    segment = segment_of(video)
    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=110, ranges=[[100, 110]])
    first = Enrolment.objects.get(learner=learner).last_activity_at
    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=120, ranges=[[110, 120]])
    assert Enrolment.objects.get(learner=learner).last_activity_at == first
    Enrolment.objects.filter(learner=learner).update(last_activity_at=first - datetime.timedelta(minutes=2))
    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=130, ranges=[[120, 130]])
    assert Enrolment.objects.get(learner=learner).last_activity_at > first
    assert LessonProgress.objects.get(learner=learner, lesson=video).watched == {segment: [[100.0, 130.0]]}


def test_ranges_outside_the_segment_are_clipped(enrolled):
    learner, _course, video, _text = enrolled
    progress = lesson_progress_record(
        learner=learner, lesson=video, segment=segment_of(video), position=100, ranges=[[0, 120]]
    )
    assert progress.watched_seconds == 20


def test_the_same_save_twice_counts_once(client, enrolled):
    learner, _course, video, _text = enrolled
    client.force_login(learner)
    payload = {"lesson": video.pk, "segment": segment_of(video), "position": 130, "ranges": [[100, 130]]}
    for _ in range(3):
        response = post(client, payload)
        assert response.status_code == 200
    assert response.json() == {"completed": False, "position": 130.0, "watched_seconds": 30.0}
    assert LessonProgress.objects.get().watched_seconds == 30


BAD_PAYLOADS = {
    "truncated-json": (None, '{"lesson": 1, "position": 12', "cut off"),
    "not-an-object": (None, "[1, 2]", "JSON object"),
    "negative-position": ({"position": -5}, None, "position"),
    "absurd-position": ({"position": 10**9}, None, "position"),
    "position-not-a-number": ({"position": "12"}, None, "position"),
    "nan-position": (None, '{"lesson": LESSON, "segment": "SEG", "position": NaN, "ranges": []}', "position"),
    "unknown-lesson": ({"lesson": 999999}, None, "no such lesson"),
    "lesson-missing": ({"lesson": None}, None, "which lesson"),
    "unknown-segment": ({"segment": "nie-ma"}, None, "segment"),
    "range-not-a-pair": ({"ranges": [[1, 2, 3]]}, None, "pair"),
    "range-backwards": ({"ranges": [[150, 120]]}, None, "outside"),
    "ranges-not-a-list": ({"ranges": "0-10"}, None, "list"),
    "segment-a-list": ({"segment": ["a"]}, None, "segment"),
    "segment-an-object": ({"segment": {"a": 1}}, None, "segment"),
    "huge-integer-position": ({"position": 10**308}, None, "position"),
    "huger-integer-position": ({"position": 10**400}, None, "position"),
    "huge-integer-in-a-range": ({"ranges": [[0, 10**400]]}, None, "pair"),
    "deeply-nested": (None, '{"ranges": ' + "[" * 5000 + "]" * 5000 + "}", "valid JSON"),
    "lesson-beyond-the-largest-id": ({"lesson": 2**63}, None, "which lesson"),
    "lesson-a-boolean": ({"lesson": True}, None, "which lesson"),
    "lesson-a-string": ({"lesson": "12"}, None, "which lesson"),
    "too-many-ranges": ({"ranges": [[1, 2]] * 501}, None, "at most 500"),
}


@pytest.mark.parametrize("case", BAD_PAYLOADS.values(), ids=BAD_PAYLOADS.keys())
def test_bad_payloads_get_400_with_a_message(client, enrolled, case):
    learner, _course, video, _text = enrolled
    client.force_login(learner)
    overrides, raw, words = case
    segment = segment_of(video)
    if raw is not None:
        raw = raw.replace("LESSON", str(video.pk)).replace("SEG", segment)
    payload = {
        "lesson": video.pk,
        "segment": segment,
        "position": 110,
        "ranges": [[100, 110]],
        **(overrides or {}),
    }
    body = raw if raw is not None else json.dumps(payload)
    response = client.post("/en" + URL, body, content_type="application/json")  # English messages
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert words.lower() in response.json()["error"].lower()
    assert not LessonProgress.objects.exists()


def test_messages_are_in_polish_by_default(client, enrolled):
    learner = enrolled[0]
    client.force_login(learner)
    response = post(client, None, raw="{")
    assert response.status_code == 400
    assert response.json()["error"] == "Żądanie nie jest poprawnym JSON-em; mogło zostać ucięte."


def test_not_enrolled_gets_403(client, learner, course_setup):
    _course, video, _text = course_setup
    client.force_login(learner)
    response = post(client, {"lesson": video.pk, "segment": segment_of(video), "position": 110, "ranges": []})
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_a_lesson_of_another_course_gets_403(client, enrolled, course_index, webinar_index):
    learner = enrolled[0]
    _webinar, part = make_webinar(webinar_index, title="Inny", duration_seconds=300)
    other = make_lesson(make_course(course_index, title="Inny kurs", slug="inny"), part=part, start=0, end=60)
    client.force_login(learner)
    response = post(client, {"lesson": other.pk, "segment": segment_of(other), "position": 10, "ranges": []})
    assert response.status_code == 403


def test_anonymous_and_get_are_refused(client, course_setup):
    _course, video, _text = course_setup
    assert post(client, {"lesson": video.pk}).status_code == 403
    assert client.get(URL).status_code == 405


def test_csrf_is_required(enrolled):
    from django.test import Client

    learner, _course, video, _text = enrolled
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = post(client, {"lesson": video.pk, "segment": segment_of(video), "position": 110, "ranges": []})
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_another_learners_progress_is_untouched(client, enrolled, django_user_model):
    learner, course, video, _text = enrolled
    other = django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-123")
    enrolment_create(learner=other, course=course)
    playing_since(other, video, 90)
    lesson_progress_record(
        learner=other, lesson=video, segment=segment_of(video), position=190, ranges=[[100, 190]]
    )
    client.force_login(learner)
    post(client, {"lesson": video.pk, "segment": segment_of(video), "position": 105, "ranges": [[100, 105]]})
    assert LessonProgress.objects.get(learner=other).watched_seconds == 90
    assert LessonProgress.objects.get(learner=learner).watched_seconds == 5
    # The course page shows each learner only their own state.
    assert "Ukończona" not in client.get(video.url).content.decode()


def test_mark_as_done_for_a_text_lesson(client, enrolled):
    learner, course, video, text = enrolled
    client.force_login(learner)
    response = client.post(f"/nauka/lekcja/{text.pk}/ukonczona/")
    assert response.status_code == 302
    assert LessonProgress.objects.get(lesson=text).completed_at is not None
    refused = client.post(f"/nauka/lekcja/{video.pk}/ukonczona/")
    assert refused.status_code == 302
    assert not LessonProgress.objects.filter(lesson=video).exists()
    page = client.get(course.url).content.decode()
    assert "50%" in page


def test_resume_position_is_rendered(client, enrolled):
    learner, _course, video, _text = enrolled
    lesson_progress_record(
        learner=learner, lesson=video, segment=segment_of(video), position=142.4, ranges=[[100, 142.4]]
    )
    client.force_login(learner)
    assert 'data-resume="142.4"' in client.get(video.url).content.decode()


def test_sequential_courses_lock_later_lessons(client, enrolled):
    learner, course, video, text = enrolled
    course.sequential = True
    course.save_revision().publish()
    client.force_login(learner)
    assert client.get(video.url).status_code == 200
    locked = client.get(text.url)
    assert locked.status_code == 403
    assert "Wideo" in locked.content.decode()
    playing_since(learner, video, 100)
    lesson_progress_record(
        learner=learner, lesson=video, segment=segment_of(video), position=200, ranges=[[100, 200]]
    )
    assert client.get(text.url).status_code == 200


def test_draft_lessons_do_not_count(client, enrolled):
    learner, course, video, text = enrolled
    make_lesson(course, title="Szkic", publish=False)
    client.force_login(learner)
    client.post(f"/nauka/lekcja/{text.pk}/ukonczona/")
    page = client.get("/moja-nauka/").content.decode()
    assert "50%" in page and "Szkic" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/nauka/kurs/{}/zapisz/",
        "/nauka/lekcja/{}/ukonczona/",
        "/nauka/quiz/{}/rozpocznij/",
        "/nauka/podejscie/{}/wyslij/",
        "/nauka/podejscie/{}/",
    ],
)
def test_ids_beyond_what_the_database_holds_are_404(client, enrolled, url):
    """The `<id:>` converter bounds every id in a path: no OverflowError on SQLite, no 500."""
    client.force_login(enrolled[0])
    for value in (2**63, 2**64, 10**30):
        method = client.get if url.endswith("/{}/") else client.post
        assert method(url.format(value)).status_code == 404, url.format(value)
