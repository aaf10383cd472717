"""Polish by default, English under /en/; the Polish catalogue is complete and compiled."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

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
