"""Builders of test content: pages in the right places, decks rendered from generated PDFs."""

import datetime

from django.core.files.base import ContentFile
from wagtail.models import Page, Site

from common.models import SiteSettings, TopicArea
from courses.grading import field_name
from courses.models import CoursePage, LessonPage, QuizChoice, QuizPage, QuizQuestion
from demo.sample_pdfs import make_slide_deck_pdf
from home.models import HomePage
from webinars.models import WARSAW, RecordingFile, RecordingPart, SlideDeck, WebinarPage, WebinarSlideDeck


def make_home_page():
    """Put a HomePage at the root of the default Site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Strona główna", slug="strona-glowna", hero_title="Ucz się działać lokalnie")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"  # the test client's host: the page cache serves Sites' hosts only
    site.save()
    SiteSettings.for_site(site)  # made now, not by the first page view (which would purge)
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


def make_topic(name="Modele aktywności obywatelskiej", slug="aktywnosc"):
    return TopicArea.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_webinar(
    index,
    *,
    title="Mikrogranty jako narzędzie",
    date=datetime.date(2021, 4, 30),
    topic=None,
    youtube_id="gKEAfWSmGTY",
    video_file=None,
    duration_seconds=3600,
    chapters=(),
):
    webinar = WebinarPage(title=title, date=date, topic_area=topic, summary="<p>Opis spotkania.</p>")
    index.add_child(instance=webinar)
    part = RecordingPart(
        page=webinar,
        title="Część 1",
        video_url="" if video_file else f"https://www.youtube.com/watch?v={youtube_id}",
        duration=None if video_file else datetime.timedelta(seconds=duration_seconds),
        chapters=[("chapter", {"at": at, "title": name}) for at, name in chapters],
    )
    if video_file:
        part.video = make_recording_file(video_file, duration_seconds=duration_seconds)
    part.save()
    webinar.save_revision().publish()
    return webinar, part


def make_live_webinar(
    index, *, starts_at, title="Fundusz sąsiedzki na żywo", summary="<p>Na żywo.</p>", **fields
):
    """A published webinar page that is a live event; its listing date is the start's day in
    Polish time, as the editor's form makes it."""
    from django.utils import timezone

    webinar = WebinarPage(title=title, summary=summary, starts_at=starts_at, **fields)
    webinar.date = timezone.localtime(starts_at, WARSAW).date()
    index.add_child(instance=webinar)
    webinar.save_revision().publish()
    return webinar


def zoom_report(starts_at, people) -> bytes:
    """A Zoom "Participants" export of a live event: one row per (name, email, minutes from the
    start, minutes stayed), times in Polish time as Zoom writes them."""
    from django.utils import timezone

    lines = [
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent"
    ]
    local = timezone.localtime(starts_at, WARSAW)
    for name, email, joined, stayed in people:
        join = local + datetime.timedelta(minutes=joined)
        leave = join + datetime.timedelta(minutes=stayed)
        stamp = "%m/%d/%Y %I:%M:%S %p"
        lines.append(f"{name},{email},{join.strftime(stamp)},{leave.strftime(stamp)},{stayed},No,Yes")
    return "\n".join(lines).encode()


def make_recording_file(video_file, *, title="Nagranie", duration_seconds=60, probed=True):
    """A recording in the media library, as read by the worker (`probed`: its duration
    recorded), or as just uploaded."""
    from wagtail.models import Collection

    recording = RecordingFile(title=title, type="video", collection=Collection.get_first_root_node())
    recording.file.save("nagranie.webm", video_file, save=False)
    if probed:
        recording.duration = duration_seconds
        recording.probed_file = recording.file.name
    recording.save()
    return recording


def make_deck(title="Wprowadzenie", slides=None, *, render=True):
    """A SlideDeck from a generated PDF (a title slide plus `slides`), rendered in-process."""
    from webinars.services import slide_deck_render

    slides = slides or [("Pierwszy slajd", "Mikrogranty w gminie."), ("Drugi slajd", "Fundusz sąsiedzki.")]
    deck = SlideDeck(title=title)
    deck.file.save("deck.pdf", ContentFile(make_slide_deck_pdf(title, slides)), save=False)
    deck.save()
    if render:
        deck = slide_deck_render(deck_id=deck.pk)
    return deck


def link_deck(webinar, deck):
    WebinarSlideDeck.objects.create(page=webinar, deck=deck)
    webinar.save_revision().publish()


def make_course(index, *, title="Mikrogranty w gminie", slug=None, topic=None):
    course = CoursePage(
        title=title,
        slug=slug or None,
        summary="Krótki kurs.",
        topic_area=topic,
        learning_outcomes=[("outcome", "Zaplanujesz program mikrograntów.")],
    )
    index.add_child(instance=course)
    course.save_revision().publish()
    return course


def make_lesson(
    course,
    *,
    title="Lekcja",
    part=None,
    start=0,
    end=60,
    deck=None,
    timecodes=(),
    text="<p>Treść lekcji.</p>",
    publish=True,
):
    body = [("text", text)]
    if part is not None:
        body.append(("video_segment", {"recording": part, "start": start, "end": end, "title": title}))
    if deck is not None:
        body.append(("slides", {"deck": deck, "timecodes": [{"slide": n, "at": at} for n, at in timecodes]}))
    lesson = LessonPage(
        title=title,
        intro="Wprowadzenie do lekcji.",
        body=body,
        live=publish,
        transcript="<p>Transkrypcja.</p>",
        reading_minutes=5,
    )
    course.add_child(instance=lesson)
    if publish:
        lesson.save_revision().publish()
    return lesson


# A quiz about micro-grants with one question of every kind; each answer key below is the only
# right answer, and each feedback text is unique, so tests can look for them in responses.
SAMPLE_QUESTIONS = [
    {
        "kind": "single",
        "prompt": "Kto może złożyć wniosek o mikrogrant?",
        "choices": [
            ("Nieformalna grupa mieszkańców", True, "Tak: mikrogranty są dla grup nieformalnych."),
            ("Wyłącznie urząd gminy", False, "Nie: urząd ogłasza konkurs, a nie składa wniosków."),
            ("Tylko spółka prawa handlowego", False, "Nie: firmy nie są adresatami mikrograntów."),
        ],
    },
    {
        "kind": "multiple",
        "prompt": "Co zwykle obejmuje regulamin mikrograntów?",
        "points": 2,
        "choices": [
            ("Kryteria oceny wniosków", True, "Słusznie: kryteria muszą być jawne."),
            ("Maksymalną kwotę dotacji", True, "Słusznie: kwota jest określona z góry."),
            ("Listę zwycięzców sprzed ogłoszenia", False, "Zwycięzców nie zna się przed oceną."),
        ],
    },
    {
        "kind": "true_false",
        "prompt": "Fundusz sąsiedzki to rodzaj budżetu obywatelskiego.",
        "answer": "false",
    },
    {
        "kind": "text",
        "prompt": "Jak nazywa się mała dotacja dla grupy mieszkańców?",
        "accepted": "mikrogrant\nmikrodotacja",
    },
    {
        "kind": "number",
        "prompt": "Ile dni trwa nabór, jeśli zaczyna się 1 i kończy 14 marca?",
        "accepted": "14",
    },
]


def make_question(spec):
    question = QuizQuestion(
        kind=spec["kind"],
        prompt=spec["prompt"],
        points=spec.get("points", 1),
        partial_credit=spec.get("partial_credit", False),
        true_false_answer=spec.get("answer", ""),
        accepted_answers=spec.get("accepted", ""),
        tolerance=spec.get("tolerance", 0),
        explanation=spec.get("explanation", f"Wyjaśnienie: {spec['prompt']}"),
    )
    question.choices = [
        QuizChoice(text=text, is_correct=correct, feedback=feedback, sort_order=n)
        for n, (text, correct, feedback) in enumerate(spec.get("choices", []))
    ]
    return question


def make_quiz(course, *, title="Sprawdź się", questions=None, publish=True, **rules):
    """A quiz under `course` with nested questions and options (SAMPLE_QUESTIONS by default)."""
    rules.setdefault("show_feedback", True)
    quiz = QuizPage(title=title, instructions="<p>Odpowiedz na pytania.</p>", live=publish, **rules)
    made = [make_question(spec) for spec in (SAMPLE_QUESTIONS if questions is None else questions)]
    for n, question in enumerate(made):
        question.sort_order = n
    quiz.questions = made
    course.add_child(instance=quiz)
    if publish:
        quiz.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)


def right_answers(attempt_or_questions):
    """The answers to every frozen question, all right: POST data for an attempt (fields and
    options named by their tokens), or cleaned answers by question id for frozen questions."""
    if isinstance(attempt_or_questions, list):
        return {str(q["id"]): _right_answer(q, cleaned=True) for q in attempt_or_questions}
    return {field_name(q): _right_answer(q) for q in attempt_or_questions.questions}


def _right_answer(question, cleaned=False):
    kind = question["kind"]
    key = "id" if cleaned else "token"
    correct = [choice[key] for choice in question["choices"] if choice["correct"]]
    if kind == "single":
        return correct[0]
    if kind == "multiple":
        return correct
    if kind == "true_false":
        return question["answer"] if cleaned else ("true" if question["answer"] else "false")
    return question["accepted"][0]


def wrong_answers(attempt):
    """The POST data answering every frozen question wrongly (but validly)."""
    data = {}
    for question in attempt.questions:
        kind = question["kind"]
        wrong = [choice["token"] for choice in question["choices"] if not choice["correct"]]
        if kind in ("single", "multiple"):
            answer = wrong[0]
        elif kind == "true_false":
            answer = "false" if question["answer"] else "true"
        elif kind == "number":
            answer = "999999"
        else:
            answer = "zupełnie nie to"
        data[field_name(question)] = answer
    return data


def course_pages(course) -> list:
    """The course's live lessons and quizzes as pages, in editor order (its syllabus holds plain
    steps; services take the pages)."""
    return [page.specific for page in course.get_children().live().order_by("path")]


def playing_since(learner, lesson, seconds):
    """The learner has had `seconds` of wall-clock time to play the lesson (they opened it that
    long ago and kept it playing): their progress row stands as real playback over that time
    leaves it, so saves may credit up to the fastest rate times that. The progress save refuses
    more playback than the time since the learner's earlier saves allows
    (courses.services._credit_playback)."""
    from django.utils import timezone

    from courses.models import Enrolment, LessonProgress

    enrolment = Enrolment.objects.get(learner=learner, course__path=lesson.path[: -Page.steplen])
    LessonProgress.objects.update_or_create(
        learner=learner,
        lesson=lesson,
        defaults={
            "enrolment": enrolment,
            "playback_clock": timezone.now() - datetime.timedelta(seconds=seconds),
        },
    )
