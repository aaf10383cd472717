"""Pages stay up when content is half-filled (a draft saved early) or what it points at is gone."""

import pytest

from courses.models import LessonPage
from tests.factories import link_deck, make_course, make_deck, make_lesson, make_webinar
from webinars.models import SlideDeck


@pytest.fixture
def setting(course_index, webinar_index):
    webinar, part = make_webinar(webinar_index, chapters=[(0, "Wstęp")])
    return make_course(course_index), webinar, part


def test_a_segment_without_times_is_shown_as_unavailable(client, setting):
    course, _webinar, part = setting
    lesson = LessonPage(
        title="Szkic z pustym fragmentem",
        body=[
            ("video_segment", {"recording": part, "start": None, "end": None, "title": ""}),
            ("slides", {"deck": None, "timecodes": [{"slide": None, "at": None}]}),
        ],
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    assert lesson.estimated_seconds == 0
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "To nagranie jest w tej chwili niedostępne." in response.content.decode()


def test_a_chapter_without_a_time_is_skipped(client, setting):
    _course, webinar, part = setting
    part.chapters = [
        ("chapter", {"at": None, "title": "Bez czasu"}),
        ("chapter", {"at": 30, "title": "Dalej"}),
    ]
    part.save()
    assert part.chapter_list == [(30, "Dalej")]
    assert client.get(webinar.url).status_code == 200


def test_a_deleted_recording_or_deck_does_not_break_the_lesson(client, setting):
    course, webinar, part = setting
    deck = make_deck("Do usunięcia")
    link_deck(webinar, deck)
    lesson = make_lesson(course, part=part, deck=deck, timecodes=[(1, 0)])
    part.delete()
    deck.delete()
    response = client.get(lesson.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Do usunięcia" not in page
    assert client.get(webinar.url).status_code == 200


def test_a_failed_deck_says_the_slides_are_unavailable(client, setting):
    course, _webinar, part = setting
    deck = make_deck("Zepsuta", render=False)
    SlideDeck.objects.filter(pk=deck.pk).update(status=SlideDeck.Status.FAILED, error="broken")
    deck.refresh_from_db()
    lesson = make_lesson(course, part=part, deck=deck)
    page = client.get(lesson.url).content.decode()
    assert "Te slajdy są niedostępne." in page


def test_a_private_lesson_is_not_listed(client, setting):
    from wagtail.models import PageViewRestriction

    course, _webinar, part = setting
    make_lesson(course, title="Lekcja otwarta")
    hidden = make_lesson(course, title="Lekcja z hasłem")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="tajne")
    page = client.get(course.url).content.decode()
    assert "Lekcja otwarta" in page and "Lekcja z hasłem" not in page
