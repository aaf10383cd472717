"""Site search covers courses, lessons, webinars and the text of slides."""

import pytest

from tests.factories import link_deck, make_course, make_deck, make_lesson, make_webinar

UNIQUE_WORD = "Grzybowszczyzna"


@pytest.fixture
def content(course_index, webinar_index):
    webinar, part = make_webinar(webinar_index, title="Fundusz sąsiedzki – spotkanie")
    deck = make_deck("Talia funduszu", [("Przykład", f"Sołectwo {UNIQUE_WORD} i jego fundusz.")])
    link_deck(webinar, deck)
    course = make_course(course_index, title="Fundusz sąsiedzki krok po kroku")
    lesson = make_lesson(course, title="Jak działa fundusz", part=part, deck=deck, timecodes=[(1, 0)])
    other = make_lesson(course, title="Lekcja bez slajdów")
    return {"webinar": webinar, "course": course, "lesson": lesson, "other": other}


def test_a_word_only_on_a_slide_finds_the_webinar_and_the_lesson(client, content):
    response = client.get("/szukaj/", {"q": UNIQUE_WORD})
    assert response.status_code == 200
    titles = [page.title for page in response.context["results"]]
    assert "Fundusz sąsiedzki – spotkanie" in titles
    assert "Jak działa fundusz" in titles
    assert "Lekcja bez slajdów" not in titles


def test_search_finds_courses_by_title(client, content):
    response = client.get("/szukaj/", {"q": "krok po kroku"})
    assert "Fundusz sąsiedzki krok po kroku" in [p.title for p in response.context["results"]]


def test_a_deck_rendered_after_publishing_is_found(
    client, course_index, webinar_index, django_capture_on_commit_callbacks
):
    """Slides rendered later (by the worker) re-index the pages that already show them."""
    from webinars.services import slide_deck_render

    webinar, _part = make_webinar(webinar_index, title="Mikrozakupy lokalne")
    deck = make_deck("Mikrozakupy", [("Zarządzenie", "Wzór zarządzenia Kociołkowice")], render=False)
    link_deck(webinar, deck)
    assert not client.get("/szukaj/", {"q": "Kociołkowice"}).context["results"]
    with django_capture_on_commit_callbacks(execute=True):
        slide_deck_render(deck_id=deck.pk)
    titles = [p.title for p in client.get("/szukaj/", {"q": "Kociołkowice"}).context["results"]]
    assert titles == ["Mikrozakupy lokalne"]


def test_drafts_are_not_found(client, course_index):
    course = make_course(course_index)
    make_lesson(course, title="Szkic Wąchock", publish=False)
    assert not client.get("/szukaj/", {"q": "Wąchock"}).context["results"]


def test_empty_and_long_queries(client, home_page):
    assert client.get("/szukaj/").status_code == 200
    assert client.get("/szukaj/", {"q": "x" * 5000}).status_code == 200


@pytest.mark.parametrize(
    "query",
    ['"', '"fundusz', "fundusz*", "(a OR b", "NEAR(", "a:b", "^", "-"],
    ids=["quote", "open-quote", "star", "parenthesis", "near", "column", "caret", "minus"],
)
def test_query_syntax_characters_do_not_break_search(client, content, query):
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200


def test_a_quoted_word_still_finds(client, content):
    titles = [p.title for p in client.get("/szukaj/", {"q": f'"{UNIQUE_WORD}"'}).context["results"]]
    assert "Fundusz sąsiedzki – spotkanie" in titles
