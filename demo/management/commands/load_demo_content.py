"""`manage.py load_demo_content`: the Polish demo site – topic areas, speakers, slide decks,
webinars, courses and lessons, the home page and standard pages, site settings and the demo
logins. The texts live in `demo.demo_content`.

Safe to run again: everything is looked up by slug, title, name or username and updated in
place; a page gets a new revision only when its content changed, and a slide deck is rendered
only when it is not ready yet.
"""

import json
import time
from datetime import timedelta
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Page, Site

from common.models import SiteSettings, TopicArea
from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizChoice, QuizPage, QuizQuestion
from demo import demo_content as data
from demo.sample_pdfs import make_slide_deck_pdf
from elearning.formatting import parse_timecode
from home.models import HomePage, HomePageFeaturedCourse, StandardPage
from webinars.models import (
    RecordingPart,
    Slide,
    SlideDeck,
    Speaker,
    WebinarIndexPage,
    WebinarPage,
    WebinarSlideDeck,
)
from webinars.services import slide_deck_render

# The course whose last lesson is the live seminar.
LIVE_STEP_COURSE = "proste-formy-wspolpracy-finansowej"


def squash(value):
    """`value` with the whitespace inside every string collapsed to single spaces."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {key: squash(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(squash(item) for item in value)
    return value


def seconds(timecode):
    return timecode if isinstance(timecode, int) else parse_timecode(timecode)


def _comparable(value):
    """Serialized page data without what changes on every assignment: StreamField block ids
    and the order of many-to-many ids."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return _comparable(json.loads(value))
        except ValueError:
            return value
    if isinstance(value, dict):
        return {
            key: _comparable(item) for key, item in value.items() if not (key == "id" and "type" in value)
        }
    if isinstance(value, list):
        items = [_comparable(item) for item in value]
        if items and all(isinstance(item, int) for item in items):
            return sorted(items)
        return items
    return value


def quiz_questions(specs, existing=()):
    """Unsaved quiz questions with their options from demo specs (demo.demo_content.QUIZZES),
    reusing `existing` rows in order so that a repeated run changes nothing."""
    made = []
    for i, spec in enumerate(specs):
        question = existing[i] if i < len(existing) else QuizQuestion()
        question.sort_order = i
        question.kind = spec["kind"]
        question.prompt = spec["prompt"]
        question.points = spec.get("points", 1)
        question.partial_credit = spec.get("partial_credit", False)
        question.true_false_answer = spec.get("answer", "")
        question.accepted_answers = spec.get("accepted", "")
        question.explanation = spec.get("explanation", "")
        old_choices = list(question.choices.all()) if question.pk else []
        choices = []
        for j, choice_spec in enumerate(spec.get("choices", [])):
            choice = old_choices[j] if j < len(old_choices) else QuizChoice()
            choice.sort_order = j
            choice.text = choice_spec["text"]
            choice.is_correct = choice_spec["correct"]
            choice.feedback = choice_spec["feedback"]
            choices.append(choice)
        question.choices = choices
        made.append(question)
    return made


def snapshot(page):
    return _comparable(page.serializable_data())


class Command(BaseCommand):
    help = (
        "Load the Polish demo content and the demo logins. Safe to run again: what exists is left "
        "as editors changed it, unless --reset is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Put existing demo pages and demo passwords back to the demo content.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with the production settings (it creates an admin/admin superuser).",
        )

    def handle(self, *args, **options):
        if str(settings.SETTINGS_MODULE or "").endswith(".production") and not options["force"]:
            raise CommandError(
                "Refusing to load demo content (with demo passwords) under the production settings; "
                "add --force if you really mean it."
            )
        started = time.monotonic()
        self.reset = options["reset"]
        self.created_ids = set()
        self.pages = {"created": 0, "updated": 0, "unchanged": 0}
        topics = self.load_topic_areas()
        speakers = self.load_speakers()
        decks = self.load_slide_decks()
        home = self.load_home_page()
        course_index = self.upsert_page(
            home,
            CourseIndexPage,
            data.COURSE_INDEX["slug"],
            {
                "title": data.COURSE_INDEX["title"],
                "title_en": data.COURSE_INDEX["title_en"],
                "intro": data.COURSE_INDEX["intro"],
                "show_in_menus": True,
            },
        )
        webinar_index = self.upsert_page(
            home,
            WebinarIndexPage,
            data.WEBINAR_INDEX["slug"],
            {
                "title": data.WEBINAR_INDEX["title"],
                "title_en": data.WEBINAR_INDEX["title_en"],
                "intro": data.WEBINAR_INDEX["intro"],
                "show_in_menus": True,
            },
        )
        standard_pages = self.load_standard_pages(home)
        self.order_children(home, [course_index, webinar_index, *standard_pages.values()])
        recordings = self.load_webinars(webinar_index, topics, speakers, decks)
        courses = self.load_courses(course_index, topics, decks, recordings)
        self.finish_home_page(home, course_index, courses)
        self.load_site_settings(home, standard_pages)
        self.load_users()
        self.print_summary(time.monotonic() - started)

    # ----------------------------------------------------------------------------------------
    # Infrastructure
    # ----------------------------------------------------------------------------------------

    def upsert_page(self, parent, model, slug, fields, relations=None):
        """Create the child page `slug` of `parent`, or update it; publish when new or changed.
        `relations(page)` sets the page's inline children and many-to-many fields."""
        parent = Page.objects.get(pk=parent.pk)
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None and Page.objects.child_of(parent).filter(slug=slug).exists():
            raise CommandError(
                f"{parent.url_path}{slug}/ exists but is not a {model.__name__}; move or delete it."
            )
        before = snapshot(page) if page else None
        if page is None:
            page = model(slug=slug)
        for name, value in fields.items():
            setattr(page, name, value)
        if relations:
            relations(page)
        if before is None:
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.created_ids.add(page.pk)
            self.pages["created"] += 1
        elif not self.reset and page.pk not in self.created_ids:
            # An existing page belongs to the editors now: leave their changes alone.
            page = model.objects.get(pk=page.pk)
            self.pages["unchanged"] += 1
        elif (
            snapshot(page) != before
            or not page.live
            or page.has_unpublished_changes
            or page.live_revision_id is None
        ):
            page.save_revision().publish()
            self.pages["updated"] += 1
        else:
            self.pages["unchanged"] += 1
        return model.objects.get(pk=page.pk)

    def order_children(self, parent, pages):
        """Put `pages` (children of `parent`) in this order, after any other children."""
        wanted = [page.pk for page in pages]
        current = [
            pk
            for pk in Page.objects.get(pk=parent.pk).get_children().values_list("pk", flat=True)
            if pk in wanted
        ]
        if current == wanted:
            return
        parent = Page.objects.get(pk=parent.pk)
        for pk in wanted:
            Page.objects.get(pk=pk).move(parent, pos="last-child")

    # ----------------------------------------------------------------------------------------
    # Snippets and slide decks
    # ----------------------------------------------------------------------------------------

    def load_topic_areas(self):
        topics = {}
        for order, spec in enumerate(squash(data.TOPIC_AREAS)):
            topics[spec["slug"]], _created = TopicArea.objects.update_or_create(
                slug=spec["slug"],
                defaults={"name": spec["name"], "description": spec["description"], "sort_order": order},
            )
        self.stdout.write(f"Topic areas: {len(topics)}")
        return topics

    def load_speakers(self):
        speakers = {}
        for spec in squash(data.SPEAKERS):
            speaker = Speaker.objects.filter(name=spec["name"]).order_by("pk").first() or Speaker()
            speaker.name, speaker.affiliation, speaker.bio = spec["name"], spec["affiliation"], spec["bio"]
            speaker.save()
            speakers[spec["name"]] = speaker
        self.stdout.write(f"Speakers: {len(speakers)}")
        return speakers

    def load_slide_decks(self):
        """Generate each sample PDF once and render it synchronously, so the demo is complete
        without a Celery worker. A ready deck with the expected number of slides is left alone."""
        specs = squash(data.DECKS)
        decks = {}
        for number, (key, spec) in enumerate(specs.items(), start=1):
            started = time.monotonic()
            deck = SlideDeck.objects.filter(title=spec["title"]).order_by("pk").first()
            expected_pages = len(spec["slides"]) + 1  # make_slide_deck_pdf adds a title slide
            if deck is None:
                deck = SlideDeck(title=spec["title"])
            needs_file = (
                not deck.pk
                or not deck.file
                or not deck.file.storage.exists(deck.file.name)
                or (deck.is_ready and deck.page_count != expected_pages)
            )
            changed = needs_file or deck.published_on != spec["published_on"]
            deck.published_on = spec["published_on"]
            if needs_file:
                if deck.file:
                    deck.file.delete(save=False)
                pdf = make_slide_deck_pdf(spec["title"], spec["slides"])
                deck.file.save(spec["file"], ContentFile(pdf), save=False)
                deck.status = SlideDeck.Status.PENDING
            if changed:
                deck.save()
            if deck.status == SlideDeck.Status.READY:
                note = "already rendered"
            else:
                deck = slide_deck_render(deck_id=deck.pk)
                if not deck.is_ready:
                    raise CommandError(f"Slide deck {deck.title!r} failed to render: {deck.error}")
                note = f"{deck.page_count} slides in {time.monotonic() - started:.1f} s"
            decks[key] = deck
            self.stdout.write(f"Slide decks: {number}/{len(specs)} rendered ({deck.title}: {note})")
        return decks

    # ----------------------------------------------------------------------------------------
    # Pages
    # ----------------------------------------------------------------------------------------

    def load_home_page(self):
        """The HomePage replaces Wagtail's "Welcome to your new Wagtail site!" page as the root
        of the default site. Featured courses and the button are set once the courses exist."""
        root = Page.get_first_root_node()
        spec = squash(data.HOME_PAGE)
        home = HomePage.objects.child_of(root).first()
        if home is None:
            clash = root.get_children().filter(slug="home").first()
            if clash is not None:  # Wagtail's default page holds the slug "home"
                clash.slug = "wagtail-default-home"
                clash.save()
            home = HomePage(
                title=spec["title"],
                slug="home",
                hero_title=spec["hero_title"],
                hero_text=spec["hero_text"],
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created_ids.add(home.pk)
            self.pages["created"] += 1

        # The site answers at the address the admin links to (WAGTAILADMIN_BASE_URL): the page
        # cache serves only the hosts of Sites.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        hostname, port = base.hostname or "localhost", base.port or (443 if base.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname=hostname, port=port, is_default_site=True)
        wanted = (home.pk, "CAMS e-learning", hostname, port)
        if (site.root_page_id, site.site_name, site.hostname, site.port) != wanted:
            site.root_page = home
            site.site_name = "CAMS e-learning"
            site.hostname, site.port = hostname, port
            site.save()

        # Remove the default welcome page: a plain wagtailcore.Page, childless, no site's root.
        for page in Page.objects.child_of(root).exclude(pk=home.pk):
            if (
                page.specific_class is Page
                and page.numchild == 0
                and not Site.objects.filter(root_page=page).exists()
            ):
                page.delete()
        self.stdout.write("Home page: the root of the default site")
        return home

    def load_standard_pages(self, home):
        pages = {}
        for spec in squash(data.STANDARD_PAGES):
            pages[spec["slug"]] = self.upsert_page(
                home,
                StandardPage,
                spec["slug"],
                {
                    "title": spec["title"],
                    "title_en": spec["title_en"],
                    "intro": spec["intro"],
                    "body": spec["body"],
                    "show_in_menus": spec["show_in_menus"],
                },
            )
        self.stdout.write(f"Standard pages: {len(pages)}")
        return pages

    def load_webinars(self, index, topics, speakers, decks):
        """Webinar pages with their recording parts, slide decks and speakers. Returns the
        recording parts by (webinar key, part index), for the lessons' video segments."""
        recordings = {}
        webinars = []
        for spec in squash(data.WEBINARS):

            def relations(page, spec=spec):
                existing = list(page.recordings.all()) if page.pk else []
                parts = []
                for i, part_spec in enumerate(spec["recordings"]):
                    part = existing[i] if i < len(existing) else RecordingPart()
                    part.title = part_spec["title"]
                    part.video_url = part_spec["video_url"]
                    part.duration = timedelta(seconds=seconds(part_spec["duration"]))
                    part.chapters = [
                        ("chapter", {"at": seconds(at), "title": title})
                        for at, title in part_spec["chapters"]
                    ]
                    parts.append(part)
                page.recordings = parts
                existing_links = list(page.slide_deck_links.all()) if page.pk else []
                links = []
                for i, key in enumerate(spec["decks"]):
                    link = existing_links[i] if i < len(existing_links) else WebinarSlideDeck()
                    link.deck = decks[key]
                    links.append(link)
                page.slide_deck_links = links
                page.speakers = sorted(
                    (speakers[name] for name in spec["speakers"]), key=lambda speaker: speaker.name
                )

            page = self.upsert_page(
                index,
                WebinarPage,
                spec["slug"],
                {
                    "title": spec["title"],
                    "kind": spec["kind"],
                    "date": spec["date"],
                    "topic_area": topics[spec["topic_area"]],
                    "summary": spec["summary"],
                },
                relations,
            )
            webinars.append(page)
            for i, part in enumerate(RecordingPart.objects.filter(page=page).order_by("sort_order")):
                recordings[(spec["key"], i)] = part
        live = self.live_event = self.load_live_event(index, topics)
        self.order_children(index, [*webinars, live])
        self.stdout.write(f"Webinars: {len(webinars)} with {len(recordings)} recording parts, 1 live event")
        return recordings

    def load_live_event(self, index, topics):
        """A seminar still to come, a week from the first load at 10:00 Polish time, open for
        registration (30 seats), so the whole live path can be tried."""
        from zoneinfo import ZoneInfo

        start = (timezone.localtime(timezone.now(), ZoneInfo("Europe/Warsaw")) + timedelta(days=7)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        return self.upsert_page(
            index,
            WebinarPage,
            "lokalne-mikrozakupy-seminarium-na-zywo",
            {
                "title": "Lokalne mikrozakupy – seminarium na żywo",
                "kind": WebinarPage.Kind.SEMINAR,
                "date": start.date(),
                "topic_area": topics[data.WSPOLPRACA],
                "summary": "<p>Jak gmina może kupować drobne usługi od organizacji i grup sąsiedzkich: "
                "procedura, dokumenty, przykłady. Pytania uczestników na koniec.</p>",
                "starts_at": start,
                "duration_minutes": 90,
                "meeting_url": "https://meet.jit.si/cams-demo-mikrozakupy",
                "seat_limit": 30,
            },
        )

    def load_courses(self, index, topics, decks, recordings):
        courses = []
        lesson_count = 0
        for spec in squash(data.COURSES):
            course = self.upsert_page(
                index,
                CoursePage,
                spec["slug"],
                {
                    "title": spec["title"],
                    "summary": spec["summary"],
                    "description": spec["description"],
                    "topic_area": topics[spec["topic_area"]],
                    "level": spec["level"],
                    "learning_outcomes": [("outcome", text) for text in spec["learning_outcomes"]],
                    "search_description": spec["summary"],
                },
            )
            lessons = []
            for lesson_spec in spec["lessons"]:
                lessons.append(
                    self.upsert_page(
                        course,
                        LessonPage,
                        lesson_spec["slug"],
                        {
                            "title": lesson_spec["title"],
                            "intro": lesson_spec["intro"],
                            "body": self.lesson_body(lesson_spec["body"], decks, recordings),
                            "transcript": lesson_spec["transcript"],
                            "reading_minutes": lesson_spec["reading_minutes"],
                        },
                    )
                )
            if spec["slug"] == LIVE_STEP_COURSE:
                lessons.append(self.load_live_step(course))
            quiz_spec = data.QUIZZES.get(spec["slug"])
            steps = [*lessons, self.load_quiz(course, quiz_spec)] if quiz_spec else lessons
            self.order_children(course, steps)
            lesson_count += len(lessons)
            courses.append(course)
            self.stdout.write(
                f"Courses: {len(courses)}/{len(data.COURSES)} ({course.title}: {len(lessons)} lessons"
                f"{', 1 quiz' if quiz_spec else ''})"
            )
        self.order_children(index, courses)
        return courses

    def load_live_step(self, course):
        """The live seminar as the course's step: attending 60% of it completes the step."""
        return self.upsert_page(
            course,
            LessonPage,
            "seminarium-na-zywo-mikrozakupy",
            {
                "title": "Seminarium na żywo: mikrozakupy w praktyce",
                "intro": "Spotkanie na żywo z pytaniami uczestników. Zapisz się tutaj; po seminarium "
                "jego nagranie trafi do tej lekcji.",
                "body": [("text", "<p>Program: procedura mikrozakupu krok po kroku, dokumenty, "
                                  "przykłady z gmin, pytania uczestników.</p>")],
                "live_event": self.live_event,
                "attendance_share": 60,
            },
        )  # fmt: skip

    def load_quiz(self, course, spec):
        """The course's closing quiz, its questions and options reusing existing rows in order,
        so a repeated run changes nothing."""

        def questions(page):
            existing = list(page.questions.all()) if page.pk else []
            page.questions = quiz_questions(spec["questions"], existing)

        return self.upsert_page(
            course,
            QuizPage,
            spec["slug"],
            {
                "title": spec["title"],
                "instructions": spec["instructions"],
                "pass_mark": spec["pass_mark"],
                "max_attempts": spec.get("max_attempts"),
                "wait_minutes": spec.get("wait_minutes", 0),
                "shuffle_choices": True,
            },
            questions,
        )

    @staticmethod
    def lesson_body(blocks, decks, recordings):
        """Lesson blocks with recording and deck keys replaced by the objects."""
        body = []
        for block_type, value in blocks:
            if block_type == "video_segment":
                recording = recordings[value["recording"]]
                start, end = seconds(value["start"]), seconds(value["end"])
                if not 0 <= start < end <= recording.duration_seconds:
                    raise CommandError(f"Segment {value['start']}–{value['end']} is outside {recording}.")
                value = {**value, "recording": recording, "start": start, "end": end}
            elif block_type == "slides":
                deck = decks[value["deck"]]
                timecodes = [{"slide": slide, "at": seconds(at)} for slide, at in value["timecodes"]]
                if any(item["slide"] > deck.page_count for item in timecodes):
                    raise CommandError(f"A timecode names a slide beyond the end of {deck}.")
                value = {"deck": deck, "timecodes": timecodes}
            body.append((block_type, value))
        return body

    def finish_home_page(self, home, course_index, courses):
        spec = squash(data.HOME_PAGE)
        by_slug = {course.slug: course for course in courses}
        featured = [by_slug[slug] for slug in data.FEATURED_COURSES]

        def relations(page):
            existing = list(page.featured_courses.all())
            links = []
            for i, course in enumerate(featured):
                link = existing[i] if i < len(existing) else HomePageFeaturedCourse()
                link.course = course
                links.append(link)
            page.featured_courses = links

        self.upsert_page(
            Page.get_first_root_node(),
            HomePage,
            home.slug,
            {
                "title": spec["title"],
                "title_en": spec["title_en"],
                "seo_title": spec["seo_title"],
                "search_description": spec["search_description"],
                "hero_title": spec["hero_title"],
                "hero_text": spec["hero_text"],
                "hero_cta_text": spec["hero_cta_text"],
                "hero_cta_page": course_index,
                "body": spec["body"],
            },
            relations,
        )
        self.stdout.write(f"Home page: {len(featured)} featured courses")

    # ----------------------------------------------------------------------------------------
    # Settings and users
    # ----------------------------------------------------------------------------------------

    def load_site_settings(self, home, standard_pages):
        site = Site.objects.get(root_page=home)
        settings = SiteSettings.for_site(site)
        privacy, accessibility = (
            standard_pages["polityka-prywatnosci"],
            standard_pages["deklaracja-dostepnosci"],
        )
        footer = squash(data.FOOTER_TEXT) + (
            f'<p><a linktype="page" id="{privacy.pk}">{privacy.title}</a> · '
            f'<a linktype="page" id="{accessibility.pk}">{accessibility.title}</a></p>'
        )
        values = {
            "organisation_name": data.ORGANISATION_NAME,
            "contact_email": data.CONTACT_EMAIL,
            "footer_text": footer,
            "certificate_signatory": data.CERTIFICATE_SIGNATORY,
            "certificate_signatory_role": data.CERTIFICATE_SIGNATORY_ROLE,
            "certificate_logo": self.demo_logo(),
        }
        if any(getattr(settings, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(settings, name, value)
            settings.save()
        self.stdout.write("Site settings: saved")

    def demo_logo(self):
        """The demo certificates' logo: a wordmark drawn with Pillow (DejaVu Sans Bold), made once."""
        import io

        from PIL import Image as PillowImage
        from PIL import ImageDraw, ImageFont
        from wagtail.images import get_image_model

        Image = get_image_model()
        logo = Image.objects.filter(title=data.LOGO_TITLE).first()
        if logo is not None:
            return logo
        canvas = PillowImage.new("RGB", (480, 160), (24, 58, 110))
        draw = ImageDraw.Draw(canvas)
        try:
            font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 88)
        except OSError:
            font = ImageFont.load_default(size=88)
        draw.text((240, 80), "CAMS", fill=(255, 255, 255), font=font, anchor="mm")
        output = io.BytesIO()
        canvas.save(output, format="PNG")
        return Image.objects.create(
            title=data.LOGO_TITLE, file=ContentFile(output.getvalue(), name="logo-cams.png")
        )

    def load_users(self):
        editors = Group.objects.filter(name=data.EDITORS_GROUP).first()
        if editors is None:
            raise CommandError(f"The {data.EDITORS_GROUP!r} group is missing: run `manage.py migrate`.")
        coordinators, _created = Group.objects.get_or_create(name=data.COORDINATORS_GROUP)
        # Only admin access for now; permissions added to the group elsewhere are kept.
        coordinators.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        groups = {data.EDITORS_GROUP: editors, data.COORDINATORS_GROUP: coordinators}

        User = get_user_model()
        for spec in data.USERS:
            user, created = User.objects.get_or_create(username=spec["username"])
            user.email = spec["email"]
            user.display_name = spec["display_name"]
            user.is_active = True
            user.is_superuser = user.is_staff = spec["superuser"]
            if created or (self.reset and not user.check_password(spec["password"])):
                user.set_password(spec["password"])
            user.save()
            user.groups.add(*(groups[name] for name in spec["groups"]))
            # Learners log in with their (verified) email on the site.
            EmailAddress.objects.update_or_create(
                user=user, email=spec["email"], defaults={"verified": True, "primary": True}
            )
        self.stdout.write(f"Users: {len(data.USERS)} ({', '.join(u['username'] for u in data.USERS)})")

    def print_summary(self, elapsed):
        User = get_user_model()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded in {elapsed:.1f} s. Pages: {self.pages['created']} created, "
                f"{self.pages['updated']} updated, {self.pages['unchanged']} unchanged."
            )
        )
        totals = {
            "pages": Page.objects.filter(depth__gt=1).count(),
            "courses": CoursePage.objects.count(),
            "lessons": LessonPage.objects.count(),
            "webinars": WebinarPage.objects.count(),
            "recording parts": RecordingPart.objects.count(),
            "slide decks": SlideDeck.objects.count(),
            "slides": Slide.objects.count(),
            "speakers": Speaker.objects.count(),
            "topic areas": TopicArea.objects.count(),
            "users": User.objects.count(),
        }
        self.stdout.write("In the database: " + ", ".join(f"{n} {what}" for what, n in totals.items()))
