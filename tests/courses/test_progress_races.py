"""A progress save is one short transaction with the row locked and a pure merge: tabs saving at
once, for real (threads with their own connections), lose nothing, and a lesson completes once."""

import json

import pytest
from django.test import Client

from courses.models import Enrolment, LessonProgress
from courses.services import enrolment_create, lesson_progress_record, progress_merge
from tests.courses.test_quiz_races import at_once
from tests.factories import make_course, make_lesson, make_webinar, playing_since


@pytest.fixture
def setup(course_index, webinar_index, django_user_model):
    learner = django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-1234")
    _webinar, part = make_webinar(webinar_index, duration_seconds=600)
    course = make_course(course_index, title="Dwie karty")
    video = make_lesson(course, title="Wideo", part=part, start=0, end=100)
    make_lesson(course, title="Tekst")  # the course stays incomplete after the video
    enrolment_create(learner=learner, course=course)
    playing_since(learner, video, 600)  # the learner has been watching long enough
    return learner, video, next(iter(video.video_segments()))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_four_tabs_saving_at_once_lose_nothing(setup):
    learner, video, segment = setup
    clients = []
    for _ in range(4):
        client = Client()
        client.force_login(learner)
        clients.append(client)

    def save(client, start):
        body = {"lesson": video.pk, "segment": segment, "position": start + 5, "ranges": [[start, start + 5]]}
        return client.post("/nauka/postep/", json.dumps(body), content_type="application/json")

    for round_ in range(3):
        starts = [(round_ * 4 + tab) * 8 for tab in range(4)]
        responses = at_once([lambda c=c, s=s: save(c, s) for c, s in zip(clients, starts, strict=True)])
        assert [getattr(r, "status_code", r) for r in responses] == [200] * 4
    progress = LessonProgress.objects.get(learner=learner, lesson=video)
    assert progress.watched[segment] == [[s, s + 5] for s in range(0, 96, 8)]
    assert progress.watched_seconds == 60


def test_the_merge_is_a_pure_union():
    """What a save stores is a function of what is stored and what was sent: the union of the
    played ranges, in any order of saves, with segments no longer in the lesson dropped."""
    segments = {"a": (0, 100), "b": (0, 50)}
    stored = {"a": [[0, 5]], "gone": [[0, 1]]}
    assert progress_merge(stored, segments, "a", [[3, 10], [20, 30]]) == {"a": [[0.0, 10.0], [20.0, 30.0]]}
    assert stored == {"a": [[0, 5]], "gone": [[0, 1]]}  # not changed in place
    sends = [("a", [[40, 50]]), ("b", [[0, 10]]), ("a", [[45, 60]])]
    forward = backward = {}
    for segment, ranges in sends:
        forward = progress_merge(forward, segments, segment, ranges)
    for segment, ranges in reversed(sends):
        backward = progress_merge(backward, segments, segment, ranges)
    assert forward == backward == {"a": [[40.0, 60.0]], "b": [[0.0, 10.0]]}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tabs_completing_at_once_complete_the_lesson_once(setup):
    """Both saves cross the threshold: the row lock makes them take turns, so the second sees
    the first's completion and the enrolment's completion check runs once."""
    learner, video, segment = setup

    def save(start, end):
        return lesson_progress_record(
            learner=learner, lesson=video, segment=segment, position=end, ranges=[[start, end]]
        )

    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=80, ranges=[[0, 80]])
    results = at_once([lambda: save(80, 95), lambda: save(85, 100)])
    assert all(isinstance(result, LessonProgress) for result in results), results
    stored = LessonProgress.objects.get(learner=learner, lesson=video)
    assert stored.watched[segment] == [[0, 100]] and stored.completed_at is not None
    assert {result.completed_at for result in results} == {stored.completed_at}
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.last_lesson_id == video.pk and enrolment.completed_at is None
