"""Polish by default, English under /en/; the Polish catalogue is complete and compiled."""

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import translation

from tests.conftest import learner_pages

ROOT = Path(__file__).resolve().parent.parent
PO_FILE = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"
SOURCE_DIRS = [
    "elearning", "accounts", "common", "webinars", "courses", "certificates", "reporting", "home", "demo",
    "templates",
]  # fmt: skip


def test_polish_by_default_and_english_on_request(client, course_index):
    polish = client.get("/kursy/")
    assert polish.status_code == 200
    html = polish.content.decode()
    assert '<html lang="pl">' in html
    assert "Przejdź do treści głównej" in html
    english = client.get("/en/kursy/")
    assert english.status_code == 200
    html = english.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    # The switcher links to the same page in the other language.
    assert 'href="/en/kursy/"' in polish.content.decode()
    assert 'href="/kursy/"' in html


def test_a_browser_asking_for_english_still_gets_polish_at_the_root(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="pl">' in response.content.decode()


def test_the_polish_catalogue_is_compiled():
    with translation.override("pl"):
        assert translation.gettext("Skip to main content") == "Przejdź do treści głównej"
        assert translation.ngettext("%(counter)s course", "%(counter)s courses", 5) == "%(counter)s kursów"


def test_the_polish_catalogue_is_complete_and_up_to_date(tmp_path):
    """Extract the strings from a copy of the source and check every one has a translation."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT / "locale", copy / "locale", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", copy)
    before = PO_FILE.read_text()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "pl", "--no-obsolete", "-v", "0"],
        cwd=copy,
        check=True,
        timeout=120,
        env={
            "DJANGO_SETTINGS_MODULE": "elearning.settings.test",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(copy),
        },
    )
    stats = subprocess.run(
        [
            "msgfmt",
            "--check",
            "--statistics",
            "-o",
            "/dev/null",
            str(copy / "locale/pl/LC_MESSAGES/django.po"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, (
        f"Run `make translations` and translate the new strings: {stats}"
    )
    assert PO_FILE.read_text() == before  # the real catalogue was not touched


@pytest.mark.parametrize("message", ["Nie znaleziono strony", "Page not found"])
def test_not_found_page_in_each_language(client, home_page, message):
    prefix = "/en" if message == "Page not found" else ""
    response = client.get(f"{prefix}/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert message in response.content.decode()


class LanguageOfParts(HTMLParser):
    """Each text of a page (and the attributes read aloud: aria-label, title, alt, placeholder) with
    the language it is marked in: the nearest lang="…" around it."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
    # The document's <title> cannot mark a part's language (it is the page's name, "… – CAMS e-learning").
    SKIP = {"script", "style", "template", "title"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts, self.skipping = [], [], 0

    def language(self):
        return next((lang for _tag, lang in reversed(self.stack) if lang), "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or (self.language() if tag not in self.VOID else "")
        here = attrs.get("lang") or self.language()
        for name in ("aria-label", "title", "alt", "placeholder"):
            if attrs.get(name):
                self.texts.append((attrs[name], here))
        if tag in self.SKIP:
            self.skipping += 1
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("lang") or lang))

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append((" ".join(data.split()), self.language()))


def test_polish_content_on_english_pages_is_marked_polish(client, learner_site):
    """WCAG 3.1.2: under /en/ the interface is English and the content Polish; every Polish text
    (titles, summaries, topic names, the site's own pages) carries lang="pl", and the navigation
    shows the pages' English titles."""
    from common.models import TopicArea
    from courses.models import CourseIndexPage, CoursePage
    from webinars.models import WebinarIndexPage

    # The catalogue has an English navigation title; the webinars' index has none.
    CourseIndexPage.objects.update(title_en="Courses")
    webinars_title = WebinarIndexPage.objects.get().title
    topic = TopicArea.objects.create(name="Aktywność obywatelska", slug="aktywnosc")
    CoursePage.objects.filter(pk=learner_site["course"].pk).update(topic_area=topic)
    course = CoursePage.objects.get(pk=learner_site["course"].pk)
    polish = [course.title, course.summary, learner_site["lesson"].title, learner_site["quiz"].title,
              learner_site["webinar"].title, learner_site["live"].title, topic.name,
              webinars_title]  # fmt: skip
    client.force_login(learner_site["learner"])
    misplaced = {}
    for url in learner_pages(learner_site) + ["/kursy/?topic=aktywnosc"]:
        response = client.get("/en" + url)
        assert response.status_code == 200, url
        parser = LanguageOfParts()
        parser.feed(response.content.decode())
        wrong = sorted(
            {text for text, lang in parser.texts if lang != "pl" and any(p in text for p in polish)}
        )
        if wrong:
            misplaced[url] = sorted(wrong)
    catalogue = client.get("/en" + learner_site["course"].url).content.decode()
    assert '<a href="/en/kursy/">Courses</a>' in catalogue  # the breadcrumb (and the menu)
    assert f'<span lang="pl">{webinars_title}</span>' in catalogue  # the menu: no English title
    assert misplaced == {}, "\n".join(f"{url}: {texts}" for url, texts in misplaced.items())
