"""An editor (a member of the Editors group, not a superuser) builds a course from a webinar
recording and a synced slide deck through the admin's own forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LessonPage
from demo.sample_pdfs import make_slide_deck_pdf
from tests.factories import make_topic
from webinars.models import SlideDeck, WebinarPage
from webinars.services import slide_deck_render


def post_page(client, model_path, parent, data, files=None):
    payload = nested_form_data({**data, "comments": inline_formset([])})
    payload["action-publish"] = "action-publish"
    payload.update(files or {})
    return client.post(f"/admin/pages/add/{model_path}/{parent.pk}/", payload)


def webinar_form(deck):
    return {
        "title": "Mikrogranty jako narzędzie budowania aktywności społecznej",
        "slug": "mikrogranty",
        "kind": "webinar",
        "date": "2021-04-30",
        "topic_area": str(make_topic().pk),
        "summary": rich_text("<p>Jak samorządy rozwijają programy mikrograntów.</p>"),
        "recordings": inline_formset(
            [
                {
                    "title": "Nagranie",
                    "video_url": "https://www.youtube.com/watch?v=gKEAfWSmGTY",
                    "duration": "1:30:00",
                    "chapters": streamfield(
                        [
                            ("chapter", {"at": "0:00", "title": "Wprowadzenie"}),
                            ("chapter", {"at": "10:00", "title": "Wyniki badań"}),
                        ]
                    ),
                },
            ]
        ),
        "slide_deck_links": inline_formset([{"deck": str(deck.pk)}]),
        "attachments": inline_formset([]),
    }


def lesson_form(
    recording_id, deck_id, *, start="10:00", end="25:00", timecodes=(("1", "10:00"), ("2", "12:30"))
):
    return {
        "title": "Dlaczego gminy wybierają mikrogranty",
        "slug": "dlaczego-mikrogranty",
        "intro": "Pierwsza lekcja kursu.",
        "reading_minutes": "5",
        "attendance_share": "75",  # the form's default, as a browser sends it
        "transcript": rich_text("<p>Transkrypcja fragmentu.</p>"),
        "body": streamfield(
            [
                ("text", rich_text("<p>Mikrogranty to małe dotacje.</p>")),
                (
                    "video_segment",
                    {"recording": str(recording_id), "start": start, "end": end, "title": "Wyniki badań"},
                ),
                (
                    "slides",
                    {
                        "deck": str(deck_id),
                        "timecodes": streamfield([])
                        | _list_block([{"slide": n, "at": at} for n, at in timecodes]),
                    },
                ),
            ]
        ),
    }


def _list_block(items):
    data = {str(i): {"value": item, "deleted": "", "order": str(i), "id": ""} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


@pytest.fixture
def deck(editor_client):
    pdf = make_slide_deck_pdf("Wyniki badań", [("Mikrogranty", "Wyniki ankiety"), ("Wnioski", "Co dalej")])
    response = editor_client.post(
        "/admin/snippets/webinars/slidedeck/add/",
        {"title": "2.Wyniki_badań_mikrogranty", "file": SimpleUploadedFile("wyniki.pdf", pdf)},
    )
    assert response.status_code == 302
    deck = SlideDeck.objects.get()
    # The worker's part is covered by test_slide_deck_worker; here render in-process.
    return slide_deck_render(deck_id=deck.pk)


def test_editor_builds_a_course_with_a_lesson_cut_from_a_webinar(
    editor_client, course_index, webinar_index, deck, client
):
    response = post_page(editor_client, "webinars/webinarpage", webinar_index, webinar_form(deck))
    assert response.status_code == 302, _errors(response)
    webinar = WebinarPage.objects.get(slug="mikrogranty")
    assert webinar.live
    recording = webinar.recordings.get()
    assert recording.youtube_id == "gKEAfWSmGTY"
    assert recording.duration_seconds == 5400
    assert recording.chapter_list == [(0, "Wprowadzenie"), (600, "Wyniki badań")]

    response = post_page(
        editor_client,
        "courses/coursepage",
        course_index,
        {
            "title": "Mikrogranty w gminie",
            "slug": "mikrogranty-w-gminie",
            "summary": "Kurs o mikrograntach.",
            "level": "beginner",
            "completion_threshold": "90",
            "video_fallback": "video",
            "learning_outcomes": streamfield([("outcome", "Zaplanujesz program.")]),
            "description": rich_text(""),
        },
    )
    assert response.status_code == 302, _errors(response)
    course = CoursePage.objects.get(slug="mikrogranty-w-gminie")

    response = post_page(editor_client, "courses/lessonpage", course, lesson_form(recording.pk, deck.pk))
    assert response.status_code == 302, _errors(response)
    lesson = LessonPage.objects.get(slug="dlaczego-mikrogranty")
    assert lesson.live
    segment = next(b for b in lesson.body if b.block_type == "video_segment")
    assert (segment.value["recording"].pk, segment.value["start"], segment.value["end"]) == (
        recording.pk,
        600,
        1500,
    )
    slides = next(b for b in lesson.body if b.block_type == "slides")
    assert [(t["slide"], t["at"]) for t in slides.value["timecodes"]] == [(1, 600), (2, 750)]
    assert lesson.estimated_seconds == 900 + 300

    # A visitor sees the segment with its chapter and the synced slides.
    page = client.get(lesson.url).content.decode()
    assert "youtube-nocookie.com/embed/gKEAfWSmGTY?start=600&amp;end=1500" in page
    assert 'data-at="600"' in page and 'data-at="750"' in page
    assert "Wyniki badań" in page
    course_page = client.get(course.url).content.decode()
    assert "Dlaczego gminy wybierają mikrogranty" in course_page
    assert "20 min" in course_page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start": "20:00", "end": "10:00"}, "The end must come after the start."),
        ({"end": "2:00:00"}, "The recording is only 1:30:00 long."),
        ({"start": "ten minutes"}, "Enter a time as seconds, mm:ss or h:mm:ss"),
        ({"timecodes": (("7", "10:00"),)}, "The deck has 3 slides; there is no slide 7."),
    ],
    ids=["end-before-start", "end-past-recording", "not-a-time", "no-such-slide"],
)
def test_the_lesson_editor_refuses_bad_segments(
    editor_client, course_index, webinar_index, deck, overrides, message, settings
):
    settings.LANGUAGE_CODE = "en"
    post_page(editor_client, "webinars/webinarpage", webinar_index, webinar_form(deck))
    recording = WebinarPage.objects.get().recordings.get()
    course = course_index.add_child(instance=CoursePage(title="Kurs", summary="Opis"))
    response = post_page(
        editor_client, "courses/lessonpage", course, lesson_form(recording.pk, deck.pk, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LessonPage.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["/admin/users/", "/admin/groups/", "/admin/settings/common/sitesettings/", "/admin/sites/"],
    ids=["users", "groups", "site-settings", "sites"],
)
def test_editors_cannot_manage_users_or_settings(editor_client, home_page, url):
    response = editor_client.get(url, follow=False)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == "/admin/"


def test_editors_reach_what_they_need(editor_client, home_page):
    for url in [
        "/admin/",
        "/admin/snippets/webinars/slidedeck/",
        "/admin/snippets/webinars/speaker/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/documents/multiple/add/",
    ]:
        assert editor_client.get(url).status_code == 200, url


def _errors(response):
    if response.status_code != 200:
        return response.status_code
    import re

    page = response.content.decode()
    return re.findall(r'class="[^"]*error-message[^"]*"[^>]*>(.*?)</', page, re.S)[:10] or page[:3000]


def test_the_choosers_open_for_an_editor(editor_client, webinar_index, deck):
    from tests.factories import make_webinar

    make_webinar(webinar_index, title="Fundusz sąsiedzki")
    recordings = editor_client.get("/admin/recording_part_chooser/")
    assert recordings.status_code == 200
    assert "Fundusz sąsiedzki, 30.04.2021 – Część 1 (1:00:00)" in recordings.json()["html"]
    decks = editor_client.get("/admin/snippets/choose/webinars/slidedeck/")
    assert decks.status_code == 200
    assert "2.Wyniki_badań_mikrogranty" in decks.json()["html"]


def test_a_deck_that_failed_cannot_be_used_in_a_lesson(
    editor_client, course_index, webinar_index, deck, settings
):
    settings.LANGUAGE_CODE = "en"
    SlideDeck.objects.filter(pk=deck.pk).update(status=SlideDeck.Status.FAILED, error="broken xref table")
    post_page(editor_client, "webinars/webinarpage", webinar_index, webinar_form(deck))
    recording = WebinarPage.objects.get().recordings.get()
    course = course_index.add_child(instance=CoursePage(title="Kurs", summary="Opis"))
    response = post_page(editor_client, "courses/lessonpage", course, lesson_form(recording.pk, deck.pk))
    assert response.status_code == 200
    assert "This deck could not be rendered (broken xref table)" in response.content.decode()


def test_autosave_leaves_no_draft_behind_an_abandoned_new_page(editor_client, course_index):
    """Autosave (the form posted for JSON) does not create a new page: an editor who starts a
    course and leaves leaves nothing. Saved once by the editor, the page autosaves as usual."""
    data = nested_form_data(
        {
            "title": "Kurs porzucony",
            "slug": "kurs-porzucony",
            "summary": "Opis",
            "level": "beginner",
            "completion_threshold": "90",
            "video_fallback": "video",
            "learning_outcomes": streamfield([]),
            "description": rich_text(""),
            "comments": inline_formset([]),
        }
    )
    url = f"/admin/pages/add/courses/coursepage/{course_index.pk}/"
    response = editor_client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_message"] == "Autozapis zacznie działać po pierwszym zapisaniu strony."
    assert not CoursePage.objects.exists()

    assert editor_client.post(url, data).status_code == 302  # "Save draft"
    course = CoursePage.objects.get()
    assert not course.live
    data["title"] = "Kurs, już z autozapisem"
    response = editor_client.post(f"/admin/pages/{course.pk}/edit/", data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["success"]
    assert CoursePage.objects.get().get_latest_revision_as_object().title == "Kurs, już z autozapisem"
