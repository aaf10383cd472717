"""An editor's whole journey in the real admin, in Polish, with a real Celery worker: upload a
recording once to the media library and a slide deck, build a webinar that plays the recording,
a course, a lesson cut from the recording with slides synced to it, and a quiz; publish them.

Asserted: each upload is stored once, however often the pages are saved; the recording's duration
is read from the file by the worker; an abandoned new page leaves no draft behind; every admin page
walked shows no English interface string."""

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, LessonPage, QuizPage
from demo.sample_pdfs import make_slide_deck_pdf
from tests.e2e.test_lesson_editor import SLIDES, add_block, choose, log_in_as_editor, publish
from tests.services import wait_for
from tests.test_admin_polish import EnglishStrings, english_in
from webinars.models import RecordingFile, SlideDeck, WebinarPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Walk:
    """The admin pages the editor sees, each checked for English interface strings as shown
    (after the scripts have built the stream fields and choosers)."""

    def __init__(self, page):
        self.page, self.english, self.strings = page, {}, EnglishStrings()

    def check(self):
        if found := english_in(self.page.content(), self.strings):
            self.english[self.page.url] = found


def files_in(folder):
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def type_rich_text(page, field, text):
    editor = page.locator(f'[data-contentpath="{field}"] [contenteditable=true]')
    editor.click()
    editor.press_sequentially(text)


def test_an_editor_builds_a_course_from_a_recording_in_the_polish_admin(
    page, live_server, editor, celery_worker, home_page, course_index, webinar_index, test_video, media_root,
    tmp_path,
):  # fmt: skip
    walk = Walk(page)
    log_in_as_editor(page, live_server)

    # 1. The recording, uploaded once; the worker reads its duration and takes a poster.
    page.goto(live_server.url + "/admin/media/video/add/")
    page.fill("#id_title", "Seminarium 4 listopada – część 1")
    page.locator("input[type=file][data-max-size]").set_input_files(str(test_video))
    with page.expect_navigation():
        page.locator("form[enctype] button[type=submit]").last.click()
    walk.check()
    recording = RecordingFile.objects.get()

    def probed():
        recording.refresh_from_db()
        return recording.probed or recording.probe_error

    wait_for(probed, timeout=60, message=f"the worker to read the recording\n{celery_worker.output()}")
    assert recording.probe_error == ""
    assert recording.duration == pytest.approx(20, abs=0.5)
    assert files_in(media_root / "media") == [recording.file.name.split("/")[-1]]

    # 2. The slide deck, rendered by the worker.
    pdf = tmp_path / "mikrogranty.pdf"
    pdf.write_bytes(make_slide_deck_pdf("Mikrogranty", SLIDES))
    page.goto(live_server.url + "/admin/snippets/webinars/slidedeck/add/")
    page.fill("#id_title", "Mikrogranty – prezentacja")
    page.set_input_files("#id_file", str(pdf))
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()
    walk.check()
    deck = SlideDeck.objects.get()

    def rendered():
        deck.refresh_from_db()
        return deck.status in (SlideDeck.Status.READY, SlideDeck.Status.FAILED)

    wait_for(rendered, timeout=60, message=f"the worker to render the deck\n{celery_worker.output()}")
    assert deck.is_ready and deck.page_count == 4

    # 3. The webinar, its recording part chosen from the library (no duration typed).
    page.goto(f"{live_server.url}/admin/pages/add/webinars/webinarpage/{webinar_index.pk}/")
    page.locator("#id_title").press_sequentially("Seminarium o mikrograntach")
    page.fill("#id_date", "2021-11-04")
    type_rich_text(page, "summary", "Jak gminy prowadzą mikrogranty.")
    page.get_by_role("button", name="Dodaj część nagrania").click()
    page.fill("#id_recordings-0-title", "Część 1")
    chooser = page.locator("#id_recordings-0-video-chooser")
    chooser.locator("[data-chooser-action-choose]").click()
    page.locator(".modal.in a.media-choice", has_text="Seminarium 4 listopada").click()
    expect(page.locator(".modal.in")).to_have_count(0)
    expect(page.locator("#id_recordings-0-video")).to_have_value(str(recording.pk))
    walk.check()
    publish(page)
    walk.check()
    webinar = WebinarPage.objects.get()
    part = webinar.recordings.get()
    assert webinar.live and part.video == recording and part.duration is None
    assert part.duration_seconds == 20  # read from the file

    # 4. The course.
    page.goto(f"{live_server.url}/admin/pages/add/courses/coursepage/{course_index.pk}/")
    page.locator("#id_title").press_sequentially("Mikrogranty w gminie")
    page.fill("#id_summary", "Jak zaplanować program mikrograntów.")
    walk.check()
    publish(page)
    walk.check()
    course = CoursePage.objects.get()

    # 5. The lesson: a segment of the recording and the deck synced to it.
    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{course.pk}/")
    page.locator("#id_title").press_sequentially("Dlaczego mikrogranty")
    add_block(page, "video_segment")
    choose(page, "body-0-value-recording", part.pk)
    page.fill("#body-0-value-start", "0:02")
    page.fill("#body-0-value-end", "0:18")
    add_block(page, "slides")
    choose(page, "body-1-value-deck", deck.pk)
    add_timecode = page.locator('[data-contentpath="timecodes"] [data-streamfield-list-add]')
    for at in ("0:02", "0:08", "0:14"):
        add_timecode.last.click()
        page.locator("[name$='-value-at']").last.fill(at)
    expect(page.locator(".slide-timecode-thumb img:visible")).to_have_count(3)
    walk.check()
    publish(page)
    walk.check()
    lesson = LessonPage.objects.get()
    timecodes = [(t["slide"], t["at"]) for t in lesson.body[1].value["timecodes"]]
    assert timecodes == [(1, 2), (2, 8), (3, 14)]

    # 6. The quiz: one single-choice question with two options.
    page.goto(f"{live_server.url}/admin/pages/add/courses/quizpage/{course.pk}/")
    page.locator("#id_title").press_sequentially("Sprawdź się")
    page.get_by_role("tab", name="Pytania").click()
    page.fill("#id_questions-0-prompt", "Kto decyduje o mikrograncie?")
    add_option = page.get_by_role("button", name="Dodaj opcję")
    for n, (text, correct) in enumerate([("Komisja w gminie", True), ("Nikt", False)]):
        add_option.first.click()
        page.fill(f"#id_questions-0-choices-{n}-text", text)
        if correct:
            page.check(f"#id_questions-0-choices-{n}-is_correct")
    walk.check()
    publish(page)
    walk.check()
    quiz = QuizPage.objects.get()
    assert quiz.questions.get().choices.filter(is_correct=True).count() == 1

    # 7. A lesson started and abandoned: autosave ran, and left nothing.
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watching = true; })"
    )
    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{course.pk}/")
    # Wagtail notes the form's first state two seconds after load, and autosaves changes to it.
    page.evaluate(
        """() => new Promise(done => window.watching ? done()
            : document.addEventListener('w-unsaved:watch-edits', () => done()))"""
    )
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/admin/pages/add/" in r.url, timeout=15_000
    ) as autosaved:
        page.locator("#id_title").press_sequentially("Lekcja porzucona")
    assert autosaved.value.status == 400
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-tooltip-content-value", "Autozapis zacznie działać po pierwszym zapisaniu strony."
    )
    page.goto(live_server.url + "/admin/")

    # Nothing stored twice; nothing left as a stray draft.
    assert files_in(media_root / "media") == [recording.file.name.split("/")[-1]]
    pages = [webinar, course, lesson, quiz]
    for built in pages:
        built.refresh_from_db()
        assert built.live and not built.has_unpublished_changes, built
    assert not LessonPage.objects.filter(title="Lekcja porzucona").exists()
    assert sorted(p.pk for p in course.get_descendants()) == sorted([lesson.pk, quiz.pk])

    for url in (
        "/admin/",
        "/admin/media/",
        f"/admin/media/edit/{recording.pk}/",
        f"/admin/pages/{course.pk}/",
    ):
        page.goto(live_server.url + url)
        walk.check()
    assert walk.english == {}, f"English interface strings in the Polish admin: {walk.english}"
