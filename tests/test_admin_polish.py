"""The Polish admin speaks Polish: the pages an editor and a coordinator use are walked, and any
interface string shown in English fails the test. An English string is one that Wagtail, its
media library, Django or allauth define (a msgid of their catalogues) and that has no Polish
translation where it is shown; content (titles, names) is not checked."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import make_course, make_deck, make_lesson, make_quiz, make_recording_file, make_webinar

pytestmark = pytest.mark.django_db

PACKAGES = ("wagtail", "wagtailmedia", "allauth", "django")
# Words that read the same in Polish, or are names.
SAME_IN_POLISH = {
    "CSV", "XLSX", "PDF", "ID", "URL", "Wagtail", "OK", "Media", "Status", "Minimum", "Tag", "system",
}  # fmt: skip


def _msgids(po: Path):
    """The msgids of a .po file (the English catalogues keep them; their .mo files do not)."""
    text = po.read_text(encoding="utf-8", errors="replace")
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M):
        yield "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"').replace("\\n", "\n")


class EnglishStrings:
    """The interface strings of PACKAGES: plain ones, and those with %(name)s placeholders as
    patterns ("1-5 of 5 strony" is "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"
    left untranslated)."""

    def __init__(self):
        import importlib

        self.plain, self.patterns = set(), []
        for package in PACKAGES:
            root = Path(importlib.import_module(package).__file__).parent
            for po in root.glob("**/locale/en/LC_MESSAGES/django.po"):
                for msgid in _msgids(po):
                    if not re.search(r"[A-Za-z]{3}", msgid) or "{" in msgid:
                        continue
                    msgid = " ".join(msgid.split())
                    if "%" not in msgid:
                        self.plain.add(msgid)
                        continue
                    literal = re.sub(r"%\(\w+\)[sd]", "", msgid)
                    if re.search(r"[A-Za-z]{3}", literal) and "<" not in msgid:
                        parts = re.split(r"%\(\w+\)[sd]", msgid)
                        self.patterns.append((re.compile(".+?".join(map(re.escape, parts)) + "$"), msgid))
        self.plain -= SAME_IN_POLISH

    def untranslated_in(self, text):
        """The msgid that `text` shows untranslated, if any (checked under Polish)."""
        if text in self.plain and translation.gettext(text) == text:
            return text
        if "%" in text or not re.search(r"[A-Za-z]{3}", text):
            return None
        for pattern, msgid in self.patterns:
            if pattern.match(text) and translation.gettext(msgid) == msgid:
                return text
        return None


def english_msgids() -> EnglishStrings:
    return EnglishStrings()


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


def english_in(html, msgids):
    parser = TextNodes()
    parser.feed(html)
    shown = {" ".join(text.split()) for text in parser.texts}
    with translation.override("pl"):
        return sorted(text for text in shown if msgids.untranslated_in(text))


def english_on(client, url, msgids, data=None):
    """English strings on an admin page (GET, or POST of `data`: a form sent back with errors),
    or in a chooser's modal (JSON with its HTML)."""
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response["Content-Type"].startswith("application/json"):
        return english_in(response.json()["html"], msgids)
    return english_in(response.content.decode(), msgids)


@pytest.fixture
def site(course_index, webinar_index, django_user_model):
    webinar, part = make_webinar(webinar_index, title="Mikrogranty – webinar")
    course = make_course(course_index, title="Mikrogranty w gminie")
    lesson = make_lesson(course, title="Lekcja", part=part, start=0, end=60)
    quiz = make_quiz(course)
    deck = make_deck("Prezentacja", render=False)
    recording = make_recording_file(SimpleUploadedFile("nagranie.webm", b"\x1a\x45\xdf\xa3" + b"\0" * 60))
    editor = django_user_model.objects.create_user("redaktorka", "r@example.org", "haslo-redaktorki-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    coordinator = django_user_model.objects.create_user("koord", "k@example.org", "haslo-koordynatora-1")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    return {"webinar": webinar, "course": course, "lesson": lesson, "quiz": quiz, "deck": deck,
            "editor": editor, "coordinator": coordinator, "index": course_index,
            "recording": recording, "webinar_index": webinar_index}  # fmt: skip


def test_the_editors_admin_is_in_polish(client, site):
    msgids = english_msgids()
    client.force_login(site["editor"])
    course, lesson, quiz, recording = site["course"], site["lesson"], site["quiz"], site["recording"]
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
        "/admin/snippets/",
        "/admin/snippets/webinars/speaker/",
        "/admin/snippets/common/topicarea/",
        f"/admin/pages/{lesson.pk}/usage/",
        f"/admin/pages/{lesson.pk}/history/",
        f"/admin/pages/{lesson.pk}/delete/",
        f"/admin/snippets/webinars/slidedeck/delete/{site['deck'].pk}/",
        f"/admin/media/edit/{recording.pk}/",
        f"/admin/media/delete/{recording.pk}/",
        f"/admin/media/usage/{recording.pk}/",
        # Choosers (their modals come as JSON with the HTML inside).
        "/admin/media/chooser/video/",
        "/admin/snippets/choose/webinars/slidedeck/",
        "/admin/recording_part_chooser/",
        "/admin/choose-page/",
    ]
    found = {url: english for url in urls if (english := english_on(client, url, msgids))}
    # Forms sent back with errors: the messages and the form around them.
    empty_page = {"title": "", "slug": "", "comments": inline_formset([]), "action-publish": "1"}
    forms = {
        f"/admin/pages/add/courses/coursepage/{site['index'].pk}/": {
            **empty_page, "summary": "", "level": "beginner", "completion_threshold": "90",
            "video_fallback": "video", "learning_outcomes": streamfield([]), "description": rich_text(""),
        },
        f"/admin/pages/add/webinars/webinarpage/{site['webinar_index'].pk}/": {
            **empty_page, "kind": "webinar", "date": "", "summary": rich_text(""),
            "recordings": inline_formset([]), "slide_deck_links": inline_formset([]),
            "attachments": inline_formset([]),
        },
        "/admin/media/video/add/": {"title": ""},
        "/admin/snippets/webinars/slidedeck/add/": {"title": ""},
    }  # fmt: skip
    # The dashboard's summary hides "created in <site>" from sight but not from screen readers.
    assert "created in" not in client.get("/admin/").content.decode()
    for url, data in forms.items():
        if english := english_on(client, url, msgids, data=nested_form_data(data)):
            found[f"POST {url}"] = english
    assert found == {}, f"English interface strings in the Polish admin: {found}"


def test_the_coordinators_admin_is_in_polish(client, site):
    import datetime

    from django.utils import timezone

    from tests.factories import make_live_webinar
    from webinars.models import Attendance, Registration

    msgids = english_msgids()
    client.force_login(site["coordinator"])
    # A live event with a registrant and a row of its report nobody matched (its match form).
    event = make_live_webinar(site["webinar_index"], starts_at=timezone.now() - datetime.timedelta(days=1))
    Registration.objects.create(webinar=event, name="Gość", email="gosc@example.org", status="registered")
    Attendance.objects.create(webinar=event, name="Ktoś", email="ktos@example.org", source="zoom", minutes=30)
    urls = [
        f"/admin/reports/live-events/{event.pk}/",
        f"/admin/reports/live-events/{event.pk}/attendance/",
        "/admin/",
        "/admin/reports/courses/",
        f"/admin/reports/courses/{site['course'].pk}/",
        "/admin/reports/learners/",
        "/admin/certificates/",
        "/admin/reports/live-events/",
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


def test_labels_built_from_names_are_grammatical(client, site):
    """Wagtail builds "Dodaj Opcja", "Ten lekcja został przywołany 0 razy" and "18 prezentacje" from
    model and panel names; ours give whole phrases, and the rest is worded so any name fits."""
    client.force_login(site["editor"])
    quiz = client.get(f"/admin/pages/{site['quiz'].pk}/edit/").content.decode()
    assert "Dodaj pytanie" in quiz and "Dodaj opcję" in quiz
    webinar = client.get(f"/admin/pages/{site['webinar'].pk}/edit/").content.decode()
    for phrase in ("Dodaj część nagrania", "Dodaj prezentację", "Dodaj załącznik"):
        assert phrase in webinar
    for page in (quiz, webinar):
        assert not re.search(r"Dodaj (Pytanie|Opcja|Części|Prezentacj|Załącznik)", page)

    usage = client.get(f"/admin/pages/{site['lesson'].pk}/delete/").content.decode()
    assert "Liczba odwołań do tego obiektu (lekcja): 0." in usage and "Ten lekcja" not in usage

    for number in range(2, 6):
        make_deck(f"Prezentacja {number}", render=False)
    decks = client.get("/admin/snippets/webinars/slidedeck/").content.decode()
    assert "Prezentacje: 5" in decks and "5 prezentacje" not in decks
    snippets = client.get("/admin/snippets/").content.decode()
    assert "Imię i nazwisko" not in snippets
