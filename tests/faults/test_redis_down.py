"""Redis down must not stop learning. With the suite's Redis stopped (the caches, the sessions'
cache and the Celery broker all gone): anonymous and learner pages load, a learner logs in
(the session is kept in the database), saves progress to the end of the course, and the
completion commits its pending certificate for the sweep to send later."""

import json

import pytest
from allauth.account.models import EmailAddress

from certificates.models import Certificate
from courses.models import Enrolment
from courses.services import enrolment_create
from tests.factories import make_course, make_lesson, make_webinar, playing_since

pytestmark = pytest.mark.faults

EMAIL, PASSWORD = "ewa.nowak@example.org", "Mikrogranty-2024!"


@pytest.fixture
def learner(db, django_user_model):
    user = django_user_model.objects.create_user("ewa", EMAIL, PASSWORD, display_name="Ewa Nowak")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    return user


@pytest.fixture
def redis_stopped(redis_server):
    redis_server.stop()
    yield
    redis_server.start()


def test_learning_goes_on_with_redis_stopped(
    client, course_index, webinar_index, learner, redis_stopped, django_capture_on_commit_callbacks
):
    _webinar, part = make_webinar(webinar_index, duration_seconds=600)
    course = make_course(course_index, title="Mikrogranty bez Redisa")
    lesson = make_lesson(course, title="Wideo", part=part, start=0, end=120)
    enrolment_create(learner=learner, course=course)
    segment = next(iter(lesson.video_segments()))

    for url in ("/", course_index.url, course.url, lesson.url):
        assert client.get(url).status_code == 200, url
    response = client.post("/konto/login/", {"login": EMAIL, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    for url in (course.url, lesson.url, "/moja-nauka/"):
        response = client.get(url)
        assert response.status_code == 200 and 'action="/konto/logout/"' in response.content.decode(), url

    playing_since(learner, lesson, 120)  # watched for two minutes
    with django_capture_on_commit_callbacks(execute=True):  # queueing the certificate fails quietly
        for start in range(0, 120, 30):
            ranges = [[start, start + 30]]
            body = {"lesson": lesson.pk, "segment": segment, "position": start + 30, "ranges": ranges}
            response = client.post("/nauka/postep/", json.dumps(body), content_type="application/json")
            assert response.status_code == 200, response.content
    assert response.json()["completed"] is True
    assert Enrolment.objects.get(learner=learner).completed_at is not None
    assert Certificate.objects.get(learner=learner).state == Certificate.State.PENDING
