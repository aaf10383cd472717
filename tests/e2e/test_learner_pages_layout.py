"""Every learner page, as a learner on a phone (320 px wide, WCAG 1.4.10 reflow) and on a laptop
(1280 px) would meet it: nothing scrolls sideways and axe finds no violations."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.browser import axe_violations
from tests.conftest import learner_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def overflow(page):
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def problems_on(page):
    """What is wrong with the page shown: sideways scrolling, else axe's violations, else None."""
    if (extra := overflow(page)) > 0:
        return f"{extra} px sideways"
    return axe_violations(page) or None


@pytest.mark.parametrize("width", [320, 1280])
def test_no_learner_page_scrolls_sideways_and_axe_finds_nothing(page, live_server, learner_site, width):
    page.set_viewport_size({"width": width, "height": 800})
    problems = {}
    for url in [reverse("account_login"), reverse("account_signup"), reverse("account_reset_password")]:
        page.goto(live_server.url + url)
        if found := problems_on(page):
            problems[url] = found
    client = Client()
    client.force_login(learner_site["learner"])
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for url in learner_pages(learner_site):
        response = page.goto(live_server.url + url)
        assert response.ok, (url, response.status)
        if found := problems_on(page):
            problems[url] = found
    assert problems == {}, f"At {width} px: {problems}"
