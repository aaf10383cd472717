"""An editor (a member of the Editors group, not a superuser) builds a lesson in the real Wagtail
page editor: a video segment chosen through the recording-part chooser, typed as m:ss, and a slide
deck chosen through the snippet chooser with timecodes for its slides. A visitor then sees the
slides synced to the segment; an end before the start is refused in Polish."""

from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from courses.blocks import LessonStreamBlock
from courses.models import LessonPage
from tests.factories import make_course, make_deck, make_webinar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SLIDES = [
    ("Po co mikrogranty", "Małe kwoty, szybkie decyzje."),
    ("Wyniki badań", "Co mówią gminy."),
    ("Co dalej", "Program na kolejny rok."),
]
# locale/pl/LC_MESSAGES/django.po: msgid "The end must come after the start."
END_BEFORE_START = "Koniec musi być później niż początek."


def block_label(name):
    """The Polish label the block picker shows for a block of the lesson body."""
    with translation.override("pl"):
        return str(LessonStreamBlock().child_blocks[name].label)


@pytest.fixture
def material(home_page, course_index, webinar_index):
    """A course to add the lesson to, and two webinars and two decks, so the choosers must pick."""
    make_webinar(webinar_index, title="Budżet obywatelski w praktyce", duration_seconds=3600)
    _webinar, part = make_webinar(webinar_index, title="Mikrogranty – webinar", duration_seconds=20)
    make_deck("Budżet obywatelski", render=False)
    deck = make_deck("Mikrogranty", SLIDES)  # a title slide and three more: 4 slides
    course = make_course(course_index, title="Mikrogranty w gminie")
    return course, part, deck


def log_in_as_editor(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "haslo-redaktora")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")


def open_new_lesson(page, live_server, course, title):
    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{course.pk}/")
    # Typed, not filled: the title's key presses fill in the slug, as for a real editor.
    page.locator("#id_title").press_sequentially(title)
    expect(page.locator("#id_slug")).not_to_have_value("")


def add_block(page, name):
    """Insert a block at the end of the body with the (+) button and the block picker."""
    page.locator("#body-root .c-sf-add-button").last.click()
    page.get_by_role("option", name=block_label(name), exact=True).click()


def choose(page, field_id, pk):
    """Open the chooser modal of the field, click the item `pk`, and wait for the field to hold it."""
    chooser = page.locator(f"#{field_id}-chooser")
    url = chooser.get_attribute("data-chooser-url")
    with page.expect_response(lambda response: urlsplit(response.url).path == url) as opened:
        chooser.locator("[data-chooser-action-choose]").click()
    assert opened.value.ok, f"The chooser {url} answered {opened.value.status}"
    modal = page.locator(".modal.in")
    modal.locator(f'a[data-chooser-modal-choice][href$="/chosen/{pk}/"]').click()
    expect(modal).to_have_count(0)
    expect(page.locator(f"#{field_id}")).to_have_value(str(pk))
    expect(page.locator(f"#{field_id}-title")).not_to_be_empty()


def add_video_segment(page, index, part, start, end):
    add_block(page, "video_segment")
    prefix = f"body-{index}-value"
    choose(page, f"{prefix}-recording", part.pk)
    page.fill(f"#{prefix}-start", start)
    page.fill(f"#{prefix}-end", end)


def settle_autosave(page):
    """Wagtail autosaves the editor's form half a second (WAGTAIL_AUTOSAVE_INTERVAL) after a
    change, and a new page's first autosave turns its form into the saved page's: publishing
    while that is under way can send the form half replaced. Wait for the last change's save."""
    indicator = page.locator("#w-autosave-indicator")
    if indicator.count():
        page.wait_for_timeout(600)  # the interval: the last change's save has started
        expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving", timeout=15_000)


def publish(page):
    settle_autosave(page)
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    with page.expect_navigation():
        page.locator('footer button[name="action-publish"]').click()


def test_editor_publishes_a_lesson_with_a_video_segment_and_synced_slides(
    page, live_server, editor, material
):
    course, part, deck = material
    assert not editor.is_superuser
    log_in_as_editor(page, live_server)
    open_new_lesson(page, live_server, course, "Dlaczego gminy wybierają mikrogranty")

    add_video_segment(page, 0, part, "0:02", "0:18")

    add_block(page, "slides")
    choose(page, "body-1-value-deck", deck.pk)
    add_timecode = page.locator('[data-contentpath="timecodes"] [data-streamfield-list-add]')
    for i, (slide, at) in enumerate([("2", "0:06"), ("3", "0:12")]):
        add_timecode.last.click()
        page.fill(f"#body-1-value-timecodes-{i}-value-slide", slide)
        page.fill(f"#body-1-value-timecodes-{i}-value-at", at)

    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/pages/{course.pk}/")

    lesson = LessonPage.objects.get(title="Dlaczego gminy wybierają mikrogranty")
    assert lesson.live and not lesson.has_unpublished_changes
    assert lesson.get_parent().pk == course.pk
    assert [block.block_type for block in lesson.body] == ["video_segment", "slides"]
    segment, slides = lesson.body[0].value, lesson.body[1].value
    assert (segment["recording"].pk, segment["start"], segment["end"]) == (part.pk, 2, 18)
    assert slides["deck"].pk == deck.pk
    assert [(item["slide"], item["at"]) for item in slides["timecodes"]] == [(2, 6), (3, 12)]

    # A visitor (no session any more) sees the slides carrying their times.
    page.context.clear_cookies()
    page.goto(live_server.url + lesson.url)
    expect(page.locator("[data-slide='2']")).to_have_attribute("data-at", "6")
    expect(page.locator("[data-slide='3']")).to_have_attribute("data-at", "12")
    expect(page.locator("[data-slide][data-at]")).to_have_count(2)


def test_an_end_before_the_start_is_refused_and_nothing_is_published(page, live_server, editor, material):
    course, part, _deck = material
    log_in_as_editor(page, live_server)
    open_new_lesson(page, live_server, course, "Lekcja z pomylonym czasem")

    add_video_segment(page, 0, part, "0:18", "0:02")
    publish(page)

    expect(page.locator("#body-0-value-end-errors")).to_contain_text(END_BEFORE_START)
    # What the editor typed is shown back, so it can be corrected.
    expect(page.locator("#body-0-value-start")).to_have_value("0:18")
    expect(page.locator("#body-0-value-end")).to_have_value("0:02")
    assert not LessonPage.objects.filter(live=True).exists()
    assert not course.get_children().exists()


def test_an_editor_uploads_a_recording_once_to_the_media_library(
    page, live_server, editor, test_video, media_root
):
    """The media library's upload form, in the admin's Polish: the file is sent once, with its
    progress shown and announced, and becomes a library item to choose in webinar pages."""
    from webinars.models import RecordingFile

    log_in_as_editor(page, live_server)
    page.goto(live_server.url + "/admin/media/video/add/")
    page.fill("#id_title", "Seminarium 4 listopada – część 1")
    file_input = page.locator("input[type=file][data-max-size]")
    expect(file_input).to_have_count(1)
    expect(page.locator("input[type=file][data-max-size] ~ progress")).to_have_count(1)
    file_input.set_input_files(str(test_video))
    with page.expect_navigation():
        file_input.locator("xpath=ancestor::form").locator("button[type=submit]").click()
    expect(page.locator("[role=status]").first).to_be_attached()
    recording = RecordingFile.objects.get()
    assert recording.title == "Seminarium 4 listopada – część 1"
    assert [p.name for p in (media_root / "media").iterdir()] == [recording.file.name.split("/")[-1]]
    assert (media_root / recording.file.name).read_bytes() == test_video.read_bytes()
    expect(page.get_by_text("Seminarium 4 listopada – część 1").first).to_be_visible()


def test_a_recording_over_the_limit_is_stopped_before_it_is_sent(
    page, live_server, editor, test_video, settings
):
    settings.VIDEO_MAX_UPLOAD_SIZE = 1000
    log_in_as_editor(page, live_server)
    page.goto(live_server.url + "/admin/media/video/add/")
    file_input = page.locator("input[type=file][data-max-size]")
    file_input.set_input_files(str(test_video))
    status = page.locator("input[type=file][data-max-size] ~ [role=status]")
    expect(status).to_contain_text("Plik jest za duży")
    assert file_input.evaluate("input => input.validity.valid") is False


def test_the_quiz_editor_shows_each_question_only_its_fields(page, live_server, editor, material):
    from tests.factories import make_quiz

    course, _part, _deck = material
    quiz = make_quiz(course)  # one question of every type
    log_in_as_editor(page, live_server)
    page.goto(f"{live_server.url}/admin/pages/{quiz.pk}/edit/")
    shown = page.evaluate(
        """() => [...document.querySelectorAll("select[name^='questions-'][name$='-kind']")]
            .filter((select) => /^questions-\\d+-kind$/.test(select.name))
            .map((select) => {
                const question = select.closest("[id^='inline_child_']");
                const fields = [...question.querySelectorAll("[data-question-kinds]")];
                return [select.value, fields.filter((f) => !f.hidden).map((f) => f.dataset.questionKinds)];
            })"""
    )
    assert len(shown) >= 5
    for kind, visible in shown:
        assert all(kind in kinds.split() for kinds in visible), (kind, visible)
    expected = {"single": 1, "multiple": 2, "true_false": 1, "text": 1, "number": 2}
    assert {kind: len(visible) for kind, visible in shown} == expected
    # Changing a question's type shows the fields of the new one at once.
    page.get_by_role("tab", name="Pytania").click()
    first = page.locator("select[name='questions-0-kind']")
    first.select_option("number")
    question = page.locator("#inline_child_questions-0")
    expect(question.locator("[data-question-kinds='number']")).to_be_visible()
    expect(question.locator("[data-question-kinds='single multiple']")).to_be_hidden()
    # The quiz's time says it is an estimate, not a limit.
    expect(page.get_by_text("Nie jest to limit czasu.", exact=False)).to_have_count(1)


def test_the_deck_list_refreshes_the_rendering_state_by_itself(page, live_server, editor, home_page):
    from webinars.models import SlideDeck

    deck = make_deck("Fundusz sąsiedzki – slajdy", render=False)
    assert deck.status == SlideDeck.Status.PENDING
    log_in_as_editor(page, live_server)
    page.goto(f"{live_server.url}/admin/snippets/webinars/slidedeck/")
    state = page.locator(f"[data-deck-state='{deck.pk}']")
    expect(state).to_have_text("Oczekuje")
    SlideDeck.objects.filter(pk=deck.pk).update(status=SlideDeck.Status.READY, page_count=4)
    expect(state).to_have_text("Gotowa", timeout=15_000)
    expect(page.locator("[role=status].w-sr-only")).to_have_text("Fundusz sąsiedzki – slajdy: Gotowa")


def test_deck_states_are_only_for_those_who_may_see_decks(client, editor, django_user_model, home_page):
    deck = make_deck("Slajdy", render=False)
    client.force_login(editor)
    response = client.get("/admin/slide-decks/states/", {"id": [deck.pk, "x", "99999999999999999999"]})
    assert response.status_code == 200
    assert response.json() == {
        str(deck.pk): {"state": "pending", "label": "Oczekuje", "pages": 0, "error": ""}
    }
    learner = django_user_model.objects.create_user("ktos", "ktos@example.org", "haslo-kogos-123")
    client.force_login(learner)
    assert client.get("/admin/slide-decks/states/", {"id": deck.pk}).status_code in (302, 403)


def test_slide_timecodes_number_themselves_show_their_slides_and_take_the_players_time(
    page, live_server, editor, webinar_index, course_index, test_video, media_root
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _webinar, part = make_webinar(
        webinar_index,
        title="Seminarium",
        video_file=SimpleUploadedFile("seminarium.webm", test_video.read_bytes()),
        duration_seconds=20,
    )
    deck = make_deck("Mikrogranty", SLIDES)
    thumbnails = {slide.number: slide.thumbnail.url for slide in deck.slides.all()}
    course = make_course(course_index, title="Mikrogranty w gminie")
    log_in_as_editor(page, live_server)
    open_new_lesson(page, live_server, course, "Lekcja ze slajdami")
    add_video_segment(page, 0, part, "0:02", "0:18")
    add_block(page, "slides")
    choose(page, "body-1-value-deck", deck.pk)

    # Rows number themselves after the row before them, and show their slide.
    add_timecode = page.locator('[data-contentpath="timecodes"] [data-streamfield-list-add]')
    add_timecode.last.click()
    add_timecode.last.click()
    slide = "#body-1-value-timecodes-{}-value-slide"
    expect(page.locator(slide.format(0))).to_have_value("1")
    expect(page.locator(slide.format(1))).to_have_value("2")
    thumbs = page.locator(".slide-timecode-thumb img")
    expect(thumbs.nth(0)).to_have_attribute("src", thumbnails[1])
    expect(thumbs.nth(1)).to_have_attribute("src", thumbnails[2])
    expect(thumbs.nth(1)).to_have_attribute("alt", "Slajd 2")
    page.fill(slide.format(1), "3")
    expect(thumbs.nth(1)).to_have_attribute("src", thumbnails[3])

    # The segment's recording plays above the timecodes, from the segment's start; each row takes
    # the player's time.
    video = page.locator(".slide-timecodes-player video")
    expect(video).to_be_visible()
    video.evaluate(
        """v => new Promise(done => v.currentTime >= 2 ? done()
            : v.addEventListener('seeked', () => done(), {once: true}))"""
    )
    assert video.evaluate("v => v.currentTime") == 2
    video.evaluate(
        """v => new Promise(done => {
            v.addEventListener('seeked', done, {once: true});
            v.currentTime = 7.4;
        })"""
    )
    take = page.get_by_role("button", name="Weź czas z odtwarzacza")
    expect(take).to_have_count(2)
    take.nth(1).click()
    expect(page.locator("#body-1-value-timecodes-1-value-at")).to_have_value("0:07")
    page.fill("#body-1-value-timecodes-0-value-at", "0:02")

    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/pages/{course.pk}/")
    lesson = LessonPage.objects.get(title="Lekcja ze slajdami")
    slides = lesson.body[1].value
    assert [(item["slide"], item["at"]) for item in slides["timecodes"]] == [(1, 2), (3, 7)]


def test_a_youtube_segment_says_its_slide_times_are_typed(page, live_server, editor, material):
    course, part, deck = material  # the part plays a YouTube video
    log_in_as_editor(page, live_server)
    open_new_lesson(page, live_server, course, "Lekcja z YouTube")
    add_video_segment(page, 0, part, "0:02", "0:18")
    add_block(page, "slides")
    choose(page, "body-1-value-deck", deck.pk)
    page.locator('[data-contentpath="timecodes"] [data-streamfield-list-add]').last.click()
    expect(page.locator(".slide-timecodes-player")).to_contain_text("wpisz czasy ręcznie")
    expect(page.locator(".slide-timecodes-player video")).to_have_count(0)
    expect(page.get_by_role("button", name="Weź czas z odtwarzacza")).to_have_count(0)
