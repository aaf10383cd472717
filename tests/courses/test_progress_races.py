"""Progress saves take no lock: each stores its merge only over the revision it read. Two tabs
saving at once, for real (threads with their own connections), and interleavings forced in
between a save's read and its write: nothing played is lost, and a lesson completes once."""

import json

import pytest
from django.test import Client

from courses import services
from courses.models import Enrolment, LessonProgress
from courses.services import enrolment_create, lesson_progress_record
from tests.courses.test_quiz_races import at_once
from tests.factories import make_course, make_lesson, make_webinar


@pytest.fixture
def setup(course_index, webinar_index, django_user_model):
    learner = django_user_model.objects.create_user("ola", "ola@example.org", "haslo-oli-1234")
    _webinar, part = make_webinar(webinar_index, duration_seconds=600)
    course = make_course(course_index, title="Dwie karty")
    video = make_lesson(course, title="Wideo", part=part, start=0, end=100)
    make_lesson(course, title="Tekst")  # the course stays incomplete after the video
    enrolment_create(learner=learner, course=course)
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
    assert progress.revision == 12  # every save stored exactly once


def interleave(monkeypatch, other_save, times):
    """Run `other_save` between a save's read and its write, the first `times` reads."""
    real = services._progress_row
    calls = {"n": 0}

    def read_then_interfere(*args):
        row = real(*args)
        if row is not None and row.pk is not None and calls["n"] < times:
            calls["n"] += 1
            other_save()
        return row

    monkeypatch.setattr(services, "_progress_row", read_then_interfere)
    return calls


@pytest.mark.django_db
def test_a_save_that_loses_the_race_merges_with_the_winner(setup, monkeypatch):
    learner, video, segment = setup
    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=5, ranges=[[0, 5]])

    def other_tab():
        LessonProgress.objects.filter(learner=learner, lesson=video).update(
            watched={segment: [[0, 5], [50, 60]]},
            watched_seconds=15,
            revision=LessonProgress.objects.get().revision + 1,
        )

    calls = interleave(monkeypatch, other_tab, times=1)
    progress = lesson_progress_record(
        learner=learner, lesson=video, segment=segment, position=30, ranges=[[20, 30]]
    )
    assert calls["n"] == 1
    stored = LessonProgress.objects.get(learner=learner, lesson=video)
    assert stored.watched[segment] == [[0, 5], [20, 30], [50, 60]] == progress.watched[segment]
    assert stored.watched_seconds == 25


@pytest.mark.django_db
def test_after_repeated_collisions_the_save_waits_for_the_lock_and_completes_once(setup, monkeypatch):
    learner, video, segment = setup
    lesson_progress_record(learner=learner, lesson=video, segment=segment, position=5, ranges=[[0, 5]])
    counter = iter(range(10, 100, 10))

    def other_tab():  # every optimistic try is overtaken by another tab's save
        LessonProgress.objects.filter(learner=learner, lesson=video).update(revision=next(counter))

    calls = interleave(monkeypatch, other_tab, times=services._OPTIMISTIC_TRIES)
    progress = lesson_progress_record(
        learner=learner, lesson=video, segment=segment, position=95, ranges=[[5, 95]]
    )
    assert calls["n"] == services._OPTIMISTIC_TRIES
    stored = LessonProgress.objects.get(learner=learner, lesson=video)
    assert stored.watched[segment] == [[0, 95]] and stored.completed_at is not None
    assert progress.completed_at == stored.completed_at
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.last_lesson_id == video.pk and enrolment.completed_at is None
