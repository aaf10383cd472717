"""The server never takes the browser's word for what a learner played: a progress save credits
at most the playback that could have happened since the learner's earlier saves of the lesson
(wall-clock time x the fastest playback rate), and a step still locked in a sequential course
cannot be saved or marked done."""

import datetime
import json

import pytest
from django.db.models import F

from certificates.models import Certificate
from courses.models import Enrolment, LessonProgress, QuizAttempt
from courses.services import (
    REFUSAL_NOTED_SECONDS,
    enrolment_create,
    new_playback,
    playback_credit,
    quiz_attempt_start,
)
from tests.factories import make_course, make_lesson, make_quiz, make_webinar, playing_since, right_answers

URL = "/nauka/postep/"


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("adam", "adam@example.org", "haslo-adama-123")


@pytest.fixture
def long_course(course_index, webinar_index, learner):
    """Two lessons of 16 minutes of one recording, and a quiz: a course worth a certificate."""
    _webinar, part = make_webinar(webinar_index, duration_seconds=2000)
    course = make_course(course_index, title="Mikrogranty: pełny kurs")
    lessons = [
        make_lesson(course, title="Część pierwsza", part=part, start=0, end=960),
        make_lesson(course, title="Część druga", part=part, start=960, end=1920),
    ]
    quiz = make_quiz(course)
    enrolment_create(learner=learner, course=course)
    return course, lessons, quiz


def save(client, lesson, ranges, position=None):
    segment, (_start, end) = next(iter(lesson.video_segments().items()))
    body = {"lesson": lesson.pk, "segment": segment, "position": position or end, "ranges": ranges}
    return client.post(URL, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("stored", "sent", "new"),
    [
        ([], [[0, 10]], [[0, 10]]),
        ([[0, 10]], [[0, 10]], []),
        ([[0, 10]], [[5, 20]], [[10, 20]]),
        ([[5, 10], [20, 30]], [[0, 40]], [[0, 5], [10, 20], [30, 40]]),
        ([[0, 100]], [[40, 50], [120, 130]], [[120, 130]]),
    ],
    ids=["nothing-stored", "all-stored", "overlap", "gaps", "inside-and-after"],
)
def test_new_playback_is_what_is_not_stored_yet(stored, sent, new):
    assert new_playback(stored, sent) == new


def test_the_credit_takes_the_earliest_new_playback_up_to_the_budget():
    assert playback_credit([[0, 10]], [[0, 100]], 30) == ([[10, 40]], 60)
    assert playback_credit([[5, 10]], [[0, 20]], 8) == ([[0, 5], [10, 13]], 7)
    assert playback_credit([], [[0, 10]], 0) == ([], 10)
    assert playback_credit([], [[0, 10]], 60) == ([[0, 10]], 0)


def test_a_forged_save_does_not_complete_a_lesson(client, learner, long_course):
    """The attack as it was tried: one request claiming the whole 16 minutes of a lesson just
    opened. It answers as usual, but credits only what a first save may carry, and the claim
    is noted for the coordinators."""
    _course, (lesson, _second), _quiz = long_course
    client.force_login(learner)
    response = save(client, lesson, [[0, 960]])
    assert response.status_code == 200
    assert response.json()["completed"] is False
    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert progress.watched_seconds <= 46
    assert progress.completed_at is None
    assert progress.refused_seconds >= 900 and progress.refused_at is not None


def test_repeating_the_forged_save_adds_only_the_time_that_passed(client, learner, long_course):
    _course, (lesson, _second), _quiz = long_course
    client.force_login(learner)
    for _ in range(30):
        assert save(client, lesson, [[0, 960]]).status_code == 200
    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    # 45 s for the first save, then twice the few seconds the requests took.
    assert progress.watched_seconds < 60
    assert progress.completed_at is None


def test_a_script_gets_no_certificate(client, learner, long_course, django_capture_on_commit_callbacks):
    """The whole abuse: forge every lesson, pass the quiz: the course is not complete and no
    certificate is made."""
    course, lessons, quiz = long_course
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            assert save(client, lesson, [[0, 2000]], position=1).status_code in (200, 400)
            segment, (start, end) = next(iter(lesson.video_segments().items()))
            assert save(client, lesson, [[start, end]]).status_code == 200
        attempt = quiz_attempt_start(learner=learner, quiz=quiz)
        submitted = client.post(f"/nauka/podejscie/{attempt.pk}/wyslij/", right_answers(attempt))
        assert submitted.status_code == 302
    assert QuizAttempt.objects.get(pk=attempt.pk).passed is True
    assert Enrolment.objects.get(learner=learner, course=course).completed_at is None
    assert not Certificate.objects.exists()
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_playback_refused_now_is_credited_once_the_time_has_passed(client, learner, long_course):
    """The browser sends all it played since the page opened: a stretch refused by an early
    save (a learner at 2x whose save came early) is credited by a later one. A real viewer
    loses nothing."""
    _course, (lesson, _second), _quiz = long_course
    client.force_login(learner)
    save(client, lesson, [[0, 60]], position=60)
    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert progress.watched_seconds == pytest.approx(45)
    # 30 s of wall-clock time pass (the clock is where it would stand).
    LessonProgress.objects.filter(pk=progress.pk).update(
        playback_clock=F("playback_clock") - datetime.timedelta(seconds=30)
    )
    save(client, lesson, [[0, 60], [60, 90]], position=90)
    progress.refresh_from_db()
    assert progress.watched == {next(iter(lesson.video_segments())): [[0.0, 90.0]]}
    assert progress.watched_seconds == 90


def test_a_viewer_watching_in_real_time_is_never_noted(client, learner, long_course):
    """Saves every 15 s of 1x playback, as the player sends them, are all credited in full."""
    _course, (lesson, _second), _quiz = long_course
    client.force_login(learner)
    played = []
    for n in range(8):
        played = [[0, 15 * (n + 1)]]
        assert save(client, lesson, played, position=played[0][1]).status_code == 200
        LessonProgress.objects.filter(learner=learner, lesson=lesson).update(
            playback_clock=F("playback_clock") - datetime.timedelta(seconds=15)
        )
    progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert progress.watched_seconds == 120
    assert progress.refused_seconds == 0 and progress.refused_at is None


def test_only_sizeable_refusals_are_noted(learner, long_course):
    from courses.services import lesson_progress_record

    _course, (lesson, _second), _quiz = long_course
    segment = next(iter(lesson.video_segments()))
    claim = 45 + REFUSAL_NOTED_SECONDS - 1
    progress = lesson_progress_record(
        learner=learner, lesson=lesson, segment=segment, position=0, ranges=[[0, claim]]
    )
    assert progress.refused_seconds == 0


def test_the_course_report_shows_refused_playback(client, admin_user, learner, long_course):
    course, (lesson, _second), _quiz = long_course
    client.force_login(learner)
    save(client, lesson, [[0, 960]])
    client.force_login(admin_user)
    page = client.get(f"/admin/reports/courses/{course.pk}/").content.decode()
    assert "Odrzucone odtwarzanie" in page and "15 min" in page
    export = client.get(f"/admin/reports/courses/{course.pk}/?export=csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].endswith("Odrzucone odtwarzanie (s)")
    assert text.splitlines()[1].endswith(",915")


# Sequential courses: what cannot be opened cannot be saved or marked done -------------------


@pytest.fixture
def sequential(course_index, webinar_index, learner):
    _webinar, part = make_webinar(webinar_index, duration_seconds=600)
    course = make_course(course_index, title="Po kolei")
    course.sequential = True
    course.save_revision().publish()
    first = make_lesson(course, title="Krok pierwszy", part=part, start=0, end=60)
    second = make_lesson(course, title="Krok drugi", part=part, start=60, end=120)
    third = make_lesson(course, title="Krok trzeci (tekst)")
    enrolment_create(learner=learner, course=course)
    return course, first, second, third


def test_saving_progress_on_a_locked_step_is_refused(client, learner, sequential):
    _course, first, second, _third = sequential
    client.force_login(learner)
    response = save(client, second, [[60, 70]])
    assert response.status_code == 403
    assert "wcześniejsze kroki" in response.json()["error"]
    assert not LessonProgress.objects.filter(lesson=second).exists()
    assert save(client, first, [[0, 10]]).status_code == 200


def test_marking_a_locked_step_done_is_refused(client, learner, sequential):
    course, first, _second, third = sequential
    client.force_login(learner)
    response = client.post(f"/nauka/lekcja/{third.pk}/ukonczona/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "wcześniejsze kroki" in page and course.title in page
    assert not LessonProgress.objects.filter(lesson=third).exists()


def test_a_step_opens_once_the_earlier_ones_are_complete(client, learner, sequential):
    _course, first, second, third = sequential
    client.force_login(learner)
    playing_since(learner, first, 60)
    playing_since(learner, second, 60)
    assert save(client, first, [[0, 60]]).json()["completed"] is True
    assert save(client, second, [[60, 120]]).json()["completed"] is True
    assert client.post(f"/nauka/lekcja/{third.pk}/ukonczona/").status_code == 302
    assert LessonProgress.objects.get(lesson=third).completed_at is not None


def test_opening_a_lesson_records_nothing_and_starts_no_budget(client, learner, long_course):
    """The player saves when the page is hidden even if nothing was played: that records no
    progress (the reports count only lessons really started), so leaving a page open and
    forging a claim later still gets only what a first save may carry."""
    _course, (lesson, _second), _quiz = long_course
    client.force_login(learner)
    response = save(client, lesson, [], position=0)
    assert response.status_code == 200 and response.json()["completed"] is False
    assert not LessonProgress.objects.filter(learner=learner, lesson=lesson).exists()
    assert save(client, lesson, [[0, 960]]).json()["watched_seconds"] <= 46
