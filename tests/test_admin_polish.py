"""The Polish admin speaks Polish: the pages an editor and a coordinator use are walked, and any
interface string shown in English fails the test. An English string is one that Wagtail, its
media library, Django or allauth define (a msgid of their catalogues) and that has no Polish
translation where it is shown; content (titles, names) is not checked."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from tests.factories import make_course, make_deck, make_lesson, make_quiz, make_webinar

pytestmark = pytest.mark.django_db

PACKAGES = ("wagtail", "wagtailmedia", "allauth", "django")
# Words that read the same in Polish, or are names.
SAME_IN_POLISH = {"CSV", "XLSX", "PDF", "ID", "URL", "Wagtail", "OK", "Media", "Status", "Minimum", "Tag"}


def _msgids(po: Path):
    """The msgids of a .po file (the English catalogues keep them; their .mo files do not)."""
    text = po.read_text(encoding="utf-8", errors="replace")
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M):
        yield "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"').replace("\\n", "\n")


def english_msgids() -> set[str]:
    import importlib

    found = set()
    for package in PACKAGES:
        root = Path(importlib.import_module(package).__file__).parent
        for po in root.glob("**/locale/en/LC_MESSAGES/django.po"):
            for msgid in _msgids(po):
                if re.search(r"[A-Za-z]{3}", msgid) and "%" not in msgid and "{" not in msgid:
                    found.add(" ".join(msgid.split()))
    return found - SAME_IN_POLISH


class TextNodes(HTMLParser):
    """Visible text of a page and the attributes people read (title, placeholder, aria-label)."""

    SKIP = {"script", "style", "template", "textarea", "code"}

    def __init__(self):
        super().__init__()
        self.texts, self._skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        for name, value in attrs:
            if name in ("title", "placeholder", "aria-label") and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.texts.append(data)


def english_on(client, url, msgids):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = TextNodes()
    parser.feed(response.content.decode())
    shown = {" ".join(text.split()) for text in parser.texts}
    with translation.override("pl"):
        return sorted(text for text in shown if text in msgids and translation.gettext(text) == text)


@pytest.fixture
def site(course_index, webinar_index, django_user_model):
    webinar, part = make_webinar(webinar_index, title="Mikrogranty – webinar")
    course = make_course(course_index, title="Mikrogranty w gminie")
    lesson = make_lesson(course, title="Lekcja", part=part, start=0, end=60)
    quiz = make_quiz(course)
    deck = make_deck("Prezentacja", render=False)
    editor = django_user_model.objects.create_user("redaktorka", "r@example.org", "haslo-redaktorki-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    coordinator = django_user_model.objects.create_user("koord", "k@example.org", "haslo-koordynatora-1")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    return {"webinar": webinar, "course": course, "lesson": lesson, "quiz": quiz, "deck": deck,
            "editor": editor, "coordinator": coordinator, "index": course_index}  # fmt: skip


def test_the_editors_admin_is_in_polish(client, site):
    msgids = english_msgids()
    client.force_login(site["editor"])
    course, lesson, quiz = site["course"], site["lesson"], site["quiz"]
    urls = [
        "/admin/",
        f"/admin/pages/{site['index'].pk}/",
        f"/admin/pages/{course.pk}/",
        f"/admin/pages/{course.pk}/edit/",
        f"/admin/pages/{lesson.pk}/edit/",
        f"/admin/pages/{quiz.pk}/edit/",
        f"/admin/pages/{site['webinar'].pk}/edit/",
        f"/admin/pages/add/courses/lessonpage/{course.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/media/",
        "/admin/media/video/add/",
        "/admin/snippets/webinars/slidedeck/",
        "/admin/snippets/webinars/slidedeck/add/",
    ]
    found = {url: english for url in urls if (english := english_on(client, url, msgids))}
    assert found == {}, f"English interface strings in the Polish admin: {found}"


def test_the_coordinators_admin_is_in_polish(client, site):
    msgids = english_msgids()
    client.force_login(site["coordinator"])
    urls = [
        "/admin/",
        "/admin/reports/courses/",
        f"/admin/reports/courses/{site['course'].pk}/",
        "/admin/reports/learners/",
        "/admin/certificates/",
    ]
    found = {url: english for url in urls if (english := english_on(client, url, msgids))}
    assert found == {}, f"English interface strings in the Polish admin: {found}"


def test_slide_deck_wording_is_grammatical(client, site):
    """Wagtail builds "Dodaj prezentacja" and "Prezentacja '…' utworzony" from the model's name;
    the deck's views say it in Polish grammar."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from demo.sample_pdfs import make_slide_deck_pdf

    client.force_login(site["editor"])
    listing = client.get("/admin/snippets/webinars/slidedeck/").content.decode()
    assert "Dodaj prezentację" in listing and "Dodaj prezentacja" not in listing
    pdf = make_slide_deck_pdf("Nowa", [("Slajd", "Tekst")])
    response = client.post(
        "/admin/snippets/webinars/slidedeck/add/",
        {"title": "Nowa prezentacja", "file": SimpleUploadedFile("nowa.pdf", pdf, "application/pdf")},
        follow=True,
    )
    page = response.content.decode()
    assert "Dodano prezentację „Nowa prezentacja”" in page and "utworzony" not in page
