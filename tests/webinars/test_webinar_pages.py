"""The webinar listing and a webinar page."""

import datetime

import pytest

from tests.factories import link_deck, make_deck, make_topic, make_webinar


@pytest.fixture
def webinars(webinar_index):
    civic = make_topic("Modele aktywności obywatelskiej", "aktywnosc")
    participation = make_topic("Modele partycypacji społecznej", "partycypacja")
    made = {
        "micro": make_webinar(
            webinar_index, title="Mikrogranty", date=datetime.date(2021, 4, 30), topic=civic
        )[0],
        "fund": make_webinar(
            webinar_index,
            title="Fundusz sąsiedzki",
            date=datetime.date(2021, 11, 5),
            topic=participation,
            youtube_id="3cNQCPQ_n9U",
        )[0],
        "old": make_webinar(
            webinar_index, title="Spotkanie 2020", date=datetime.date(2020, 10, 1), topic=civic
        )[0],
    }
    return made


def titles(response):
    return [w.title for w in response.context["webinars"]]


def test_listing_newest_first(client, webinar_index, webinars):
    response = client.get(webinar_index.url)
    assert response.status_code == 200
    assert titles(response) == ["Fundusz sąsiedzki", "Mikrogranty", "Spotkanie 2020"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "aktywnosc"}, ["Mikrogranty", "Spotkanie 2020"]),
        ({"year": "2021"}, ["Fundusz sąsiedzki", "Mikrogranty"]),
        ({"topic": "aktywnosc", "year": "2021"}, ["Mikrogranty"]),
        ({"topic": "partycypacja", "year": "2020"}, []),
    ],
    ids=["topic", "year", "topic-and-year", "nothing"],
)
def test_filters(client, webinar_index, webinars, query, expected):
    assert titles(client.get(webinar_index.url, query)) == expected


@pytest.mark.parametrize(
    "query",
    [{"year": "1999"}, {"year": "abc"}, {"topic": "nie-ma"}],
    ids=["unknown-year", "not-a-year", "unknown-topic"],
)
def test_bad_filters_explain_and_show_everything(client, webinar_index, webinars, query):
    response = client.get(webinar_index.url, query)
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert 'role="alert"' in response.content.decode()


def test_webinar_page_shows_recording_chapters_and_slides(client, webinar_index):
    webinar, _part = make_webinar(webinar_index, title="Mikrogranty", chapters=[(0, "Wstęp"), (95, "Wyniki")])
    link_deck(webinar, make_deck("1.Prezentacja_wprowadzenie"))
    page = client.get(webinar.url).content.decode()
    assert '<html lang="pl">' in page
    assert "youtube-nocookie.com/embed/gKEAfWSmGTY" in page
    assert "1:35" in page and "Wyniki" in page
    assert "1.Prezentacja_wprowadzenie" in page
