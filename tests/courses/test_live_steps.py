"""A live event as a course step: learners register from the lesson, the coordinator's imported
attendance completes the step for those who attended the editor-set share (not for one who left
early), a learner who enrols after the event gets the credit, the recording completes it for
those who missed the event, and the course's certificate follows. Publishing the recording
emails the registrants, those who missed it first."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment, LessonPage, LessonProgress
from courses.services import enrolment_create, lesson_progress_record
from tests.courses.test_learner_query_counts import LESSON_PAGE_MAX_QUERIES
from tests.factories import make_course, make_live_webinar, playing_since, zoom_report
from webinars.attendance import attendance_import
from webinars.models import Attendance, RecordingPart, Registration

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
# A lesson's queries, and its event and the learner's place at it.
LIVE_LESSON_PAGE_MAX_QUERIES = LESSON_PAGE_MAX_QUERIES + 2
# An attendance import with its steps credited, for any number of learners who do not complete.
IMPORT_MAX_QUERIES = 13


@pytest.fixture
def eager_tasks():
    from elearning.celery import app

    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = False, False


def live_lesson(course, webinar, *, share=75, title="Seminarium na żywo"):
    lesson = LessonPage(
        title=title, intro="Spotkanie na żywo.", body=[("text", "<p>Program.</p>")], live_event=webinar,
        attendance_share=share,
    )  # fmt: skip
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def person(django_user_model, n):
    return django_user_model.objects.create_user(
        f"uczen{n}", f"uczen{n}@example.org", "haslo-ucznia-123", display_name=f"Uczeń {n}"
    )


@pytest.fixture
def past_event(webinar_index):
    starts_at = (timezone.now() - datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    return make_live_webinar(
        webinar_index, starts_at=starts_at, duration_minutes=90, meeting_url="https://zoom.example.org/j/1"
    )


def test_attending_enough_completes_the_step_and_the_certificate_follows(
    course_index, past_event, django_user_model, django_capture_on_commit_callbacks
):
    course = make_course(course_index)
    lesson = live_lesson(course, past_event, share=75)  # 68 of 90 minutes
    stayed, left_early, later, outsider = (person(django_user_model, n) for n in range(1, 5))
    for learner in (stayed, left_early):
        enrolment_create(learner=learner, course=course)
    report = zoom_report(
        past_event.starts_at,
        [
            ("Uczeń 1", stayed.email, 0, 40),  # two stretches: 40 + 30 = 70 minutes
            ("Uczeń 1", stayed.email, 55, 30),
            ("Uczeń 2", left_early.email, 0, 20),
            ("Uczeń 3", later.email, -5, 100),  # counted within the event only: 90
            ("Uczeń 4", outsider.email, 0, 90),
        ],
    )
    with django_capture_on_commit_callbacks(execute=False):
        attendance_import(webinar=past_event, data=report)

    done = LessonProgress.objects.get(learner=stayed, lesson=lesson)
    assert done.completed_at is not None and done.attended_minutes == 70
    early = LessonProgress.objects.get(learner=left_early, lesson=lesson)
    assert early.completed_at is None and early.attended_minutes == 20
    assert not LessonProgress.objects.filter(learner__in=[later, outsider]).exists()
    # The only step: the course is complete and its certificate is on its way.
    assert Enrolment.objects.get(learner=stayed).completed_at is not None
    assert Certificate.objects.filter(learner=stayed, course=course).exists()
    assert not Certificate.objects.filter(learner=left_early).exists()

    # Enrolling after the event: what they attended counts at once.
    enrolment_create(learner=later, course=course)
    assert LessonProgress.objects.get(learner=later, lesson=lesson).attended_minutes == 90
    assert Certificate.objects.filter(learner=later, course=course).exists()

    # A report imported again with fewer minutes does not take a completion back.
    with django_capture_on_commit_callbacks(execute=False):
        attendance_import(
            webinar=past_event, data=zoom_report(past_event.starts_at, [("U", stayed.email, 0, 10)])
        )
    assert LessonProgress.objects.get(learner=stayed, lesson=lesson).completed_at is not None


def test_a_live_step_is_not_marked_done_by_the_learner(client, course_index, past_event, django_user_model):
    course = make_course(course_index)
    lesson = live_lesson(course, past_event)
    learner = person(django_user_model, 1)
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    page = client.get(lesson.url)
    assert page.status_code == 200 and b'class="mark-done"' not in page.content
    response = client.post(f"/nauka/lekcja/{lesson.pk}/ukonczona/", follow=True)
    assert "uczestnictwo w wydarzeniu na żywo" in response.content.decode()
    assert not LessonProgress.objects.filter(learner=learner, completed_at__isnull=False).exists()


def test_watching_the_recording_completes_the_step_for_one_who_missed_it(
    course_index, past_event, django_user_model
):
    course = make_course(course_index)
    part = RecordingPart.objects.create(
        page=past_event, video_url=YOUTUBE, duration=datetime.timedelta(hours=1)
    )
    lesson = live_lesson(course, past_event)
    lesson.body = [
        ("text", "<p>Program.</p>"),
        ("video_segment", {"recording": part, "start": 0, "end": 20, "title": "Nagranie"}),
    ]
    lesson.save_revision().publish()
    lesson = LessonPage.objects.get(pk=lesson.pk)
    learner = person(django_user_model, 1)
    enrolment_create(learner=learner, course=course)
    (segment,) = lesson.video_segments()
    playing_since(learner, lesson, 120)  # the server credits only playback that could have happened
    progress = lesson_progress_record(
        learner=learner, lesson=lesson, segment=segment, position=20, ranges=[[0, 20]]
    )
    assert progress.completed_at is not None and progress.attended_minutes is None


def test_the_lesson_offers_registration_and_then_the_join_link(
    client, course_index, webinar_index, django_user_model, django_assert_max_num_queries
):
    webinar = make_live_webinar(
        webinar_index,
        starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(days=3),
        duration_minutes=60,
        meeting_url="https://zoom.example.org/j/2",
    )
    course = make_course(course_index)
    lesson = live_lesson(course, webinar, share=50)
    learner = person(django_user_model, 1)
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    page = client.get(lesson.url).content.decode()
    assert "Zapisz się na wydarzenie" in page and "30 min" in page
    assert "zoom.example.org" not in page
    response = client.post(f"/wydarzenia/{webinar.pk}/zapisy/", {"next": lesson.url})
    assert response.status_code == 302 and response["Location"] == lesson.url
    # Somewhere else is not followed.
    other = client.post(f"/wydarzenia/{webinar.pk}/zapisy/", {"next": "https://example.com/"})
    assert other["Location"] == f"/wydarzenia/{webinar.pk}/zapisy/"
    registration = Registration.objects.get(user=learner)
    for n in range(2, 22):  # others' registrations do not add queries
        Registration.objects.create(
            webinar=webinar, name=f"Gość {n}", email=f"gosc{n}@example.org", status="registered"
        )
    with django_assert_max_num_queries(LIVE_LESSON_PAGE_MAX_QUERIES):
        page = client.get(lesson.url).content.decode()
    assert f"/wydarzenia/dolacz/{registration.token}/" in page and "Zapisz się na wydarzenie" not in page


def test_publishing_the_recording_emails_the_registrants_those_who_missed_it_first(
    past_event, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    came, missed, waiting = (person(django_user_model, n) for n in range(1, 4))
    for learner, status in ((came, "registered"), (missed, "registered"), (waiting, "waiting")):
        Registration.objects.create(
            webinar=past_event, user=learner, name=learner.display_name, email=learner.email, status=status,
            confirmed_at=timezone.now() - datetime.timedelta(days=5),
        )  # fmt: skip
    Registration.objects.create(webinar=past_event, name="Gość", email="gosc@example.org", status="cancelled")
    with django_capture_on_commit_callbacks(execute=False):
        attendance_import(
            webinar=past_event, data=zoom_report(past_event.starts_at, [("U1", came.email, 0, 80)])
        )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        past_event.save_revision().publish()  # no recording yet: nothing
    assert mail.outbox == []
    RecordingPart.objects.create(
        page=past_event,
        video_url=YOUTUBE,
        duration=datetime.timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        past_event.save_revision().publish()
    assert [message.to[0] for message in mail.outbox] == [missed.email, waiting.email, came.email]
    assert all("Nagranie" in message.subject for message in mail.outbox)
    assert "Nie udało Ci się być z nami" in mail.outbox[0].body
    assert "Dziękujemy za udział" in mail.outbox[2].body
    assert past_event.url in mail.outbox[0].body
    assert not any(p.get_content_type() == "text/calendar" for m in mail.outbox for p in m.message().walk())
    with django_capture_on_commit_callbacks(execute=True):
        past_event.save_revision().publish()  # published again: once only
    assert len(mail.outbox) == 3


def test_an_upcoming_event_does_not_send_its_recording(
    webinar_index, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    webinar = make_live_webinar(webinar_index, starts_at=timezone.now() + datetime.timedelta(days=1))
    learner = person(django_user_model, 1)
    Registration.objects.create(
        webinar=webinar, user=learner, name="U", email=learner.email, status="registered"
    )
    RecordingPart.objects.create(
        page=webinar,
        video_url=YOUTUBE,
        duration=datetime.timedelta(hours=1),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        webinar.save_revision().publish()
    assert not [m for m in mail.outbox if "Nagranie" in m.subject]


def test_a_cancelled_or_unpublished_event_leaves_a_step_the_learner_can_complete(
    client, course_index, past_event, django_user_model
):
    course = make_course(course_index)
    lesson = live_lesson(course, past_event)
    learner = person(django_user_model, 1)
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    past_event.cancelled = True
    past_event.save_revision().publish()
    page = client.get(lesson.url).content.decode()
    assert 'class="mark-done"' in page and "Krok zaliczysz" not in page
    client.post(f"/nauka/lekcja/{lesson.pk}/ukonczona/")
    assert LessonProgress.objects.get(learner=learner, lesson=lesson).completed_at is not None


def test_a_guest_who_attended_then_signed_up_gets_the_step_on_enrolling(
    course_index, past_event, django_user_model, django_capture_on_commit_callbacks
):
    course = make_course(course_index)
    lesson = live_lesson(course, past_event, share=50)
    with django_capture_on_commit_callbacks(execute=False):
        attendance_import(
            webinar=past_event, data=zoom_report(past_event.starts_at, [("Gość", "nowa@example.org", 0, 60)])
        )
    assert Attendance.objects.get().user is None  # no account then
    learner = django_user_model.objects.create_user("nowa", "Nowa@example.org", "haslo-nowej-1234")
    enrolment_create(learner=learner, course=course)
    assert Attendance.objects.get().user == learner
    assert LessonProgress.objects.get(learner=learner, lesson=lesson).completed_at is not None


def test_a_step_linked_after_the_import_credits_those_already_enrolled(
    course_index, past_event, django_user_model, django_capture_on_commit_callbacks
):
    course = make_course(course_index)
    learner = person(django_user_model, 1)
    enrolment_create(learner=learner, course=course)
    with django_capture_on_commit_callbacks(execute=False):
        attendance_import(
            webinar=past_event, data=zoom_report(past_event.starts_at, [("U", learner.email, 0, 80)])
        )
        lesson = live_lesson(course, past_event)  # linked (and published) after the import
    assert LessonProgress.objects.get(learner=learner, lesson=lesson).completed_at is not None


def test_in_a_sequential_course_an_upcoming_live_step_is_open(
    client, course_index, webinar_index, django_user_model
):
    from tests.factories import make_lesson

    course = make_course(course_index)
    course.sequential = True
    course.save_revision().publish()
    make_lesson(course, title="Najpierw to")
    upcoming = make_live_webinar(webinar_index, starts_at=timezone.now() + datetime.timedelta(days=2))
    lesson = live_lesson(course, upcoming)
    learner = person(django_user_model, 1)
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200 and "Zapisz się na wydarzenie" in response.content.decode()
    # Once it is over, it waits for the steps before it, as any step does.
    upcoming.starts_at = timezone.now() - datetime.timedelta(days=1)
    upcoming.save_revision().publish()
    assert client.get(lesson.url).status_code == 403


@pytest.mark.parametrize("learners", [2, 8])
def test_an_import_runs_a_fixed_number_of_queries_whatever_the_number_of_learners(
    course_index, past_event, django_user_model, django_assert_max_num_queries, learners,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    course = make_course(course_index)
    live_lesson(course, past_event)
    people = [person(django_user_model, n) for n in range(learners)]
    for learner in people:
        enrolment_create(learner=learner, course=course)
    # Each stayed too little to complete the step: what grows with completions (the course's
    # completion and certificate, per learner) is left out.
    report = zoom_report(past_event.starts_at, [(p.display_name, p.email, 0, 10) for p in people])
    with django_assert_max_num_queries(IMPORT_MAX_QUERIES), django_capture_on_commit_callbacks(execute=False):
        attendance_import(webinar=past_event, data=report)
    assert LessonProgress.objects.filter(attended_minutes=10).count() == learners


def test_the_recording_email_before_the_report_is_neutral_and_old_events_send_none(
    webinar_index, django_user_model, eager_tasks, django_capture_on_commit_callbacks
):
    learner = person(django_user_model, 1)
    recent = make_live_webinar(
        webinar_index, title="Niedawne", starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    old = make_live_webinar(
        webinar_index, title="Dawne", starts_at=timezone.now() - datetime.timedelta(days=90)
    )
    for webinar in (recent, old):
        Registration.objects.create(
            webinar=webinar, user=learner, name="U", email=learner.email, status="registered"
        )
        RecordingPart.objects.create(page=webinar, video_url=YOUTUBE, duration=datetime.timedelta(hours=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        recent.save_revision().publish()
        old.save_revision().publish()
    (message,) = mail.outbox
    assert "Niedawne" in message.subject
    assert "Nagranie wydarzenia jest już na jego stronie" in message.body
    assert "Nie udało" not in message.body and "Dziękujemy" not in message.body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_learner_enrolling_while_the_report_is_imported_gets_the_step(
    course_index, webinar_index, django_user_model
):
    """The import holds its transaction open (its rows written, not committed) while the learner
    enrols: the enrolment waits for it and credits the step, instead of each missing the other."""
    import threading
    import time

    from django.db import connection

    from webinars.signals import attendance_recorded

    starts_at = (timezone.now() - datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    event = make_live_webinar(webinar_index, starts_at=starts_at, duration_minutes=90)
    course = make_course(course_index)
    lesson = live_lesson(course, event, share=50)
    learner = person(django_user_model, 1)
    inside, errors = threading.Event(), []

    def hold(sender, **kwargs):
        inside.set()
        time.sleep(1.5)  # the enrolment comes meanwhile

    def import_report():
        try:
            attendance_import(webinar=event, data=zoom_report(starts_at, [("U", learner.email, 0, 80)]))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    attendance_recorded.connect(hold, dispatch_uid="hold-the-import")
    try:
        importing = threading.Thread(target=import_report)
        importing.start()
        assert inside.wait(30)
        enrolment_create(learner=learner, course=course)
        importing.join(60)
    finally:
        attendance_recorded.disconnect(dispatch_uid="hold-the-import")
    assert not errors
    assert LessonProgress.objects.get(learner=learner, lesson=lesson).completed_at is not None
