"""Build a site of a named size with realistic learning records, for reports and load tests.

    manage.py create_random_data S|M|L [--seed N] [--clear]

S: 12 courses, 100 learners in the largest; M: 73 and 1,000; L: 277 and 10,000. Course sizes
fall off like a Zipf curve from the largest; learners come from municipalities and
organisations across Poland, progress through lessons at random depths, take the final quiz
(some fail first) and, when complete, hold an issued certificate. Quiz answers follow a simple
item response model: each question has a difficulty and a power to tell stronger learners from
weaker ones, each learner an ability, so the quiz statistics have something to show. Rows are
bulk-inserted; the command prints counts as it goes."""

import math
import random
import time
from datetime import timedelta
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from accounts.models import OrganisationType, Voivodeship
from certificates.models import Certificate
from courses.grading import AttemptGrade, QuestionResult
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    QuizPage,
)
from demo.demo_content import QUIZZES
from demo.management.commands.load_demo_content import quiz_questions
from home.models import HomePage

SIZES = {"S": (12, 100), "M": (73, 1_000), "L": (277, 10_000)}
CATALOGUE_SLUG = "kursy-losowe"
USERNAME_PREFIX = "losowy-"
MUNICIPALITIES = [
    "Wieruszów", "Rzgów", "Sieradz", "Łódź", "Kutno", "Zgierz", "Piotrków Trybunalski", "Bełchatów",
    "Lublin", "Zamość", "Gdańsk", "Słupsk", "Kraków", "Tarnów", "Wrocław", "Opole", "Białystok",
    "Suwałki", "Rzeszów", "Przemyśl", "Kielce", "Olsztyn", "Elbląg", "Poznań", "Kalisz", "Szczecin",
    "Koszalin", "Zielona Góra", "Gorzów Wielkopolski", "Toruń", "Bydgoszcz", "Katowice", "Gliwice",
    "Warszawa", "Radom", "Płock", "Siedlce",
]  # fmt: skip
TOPICS = ["mikrogranty", "fundusz sąsiedzki", "badania lokalne", "mikrozakupy", "inicjatywa lokalna"]
BATCH = 5_000


class QuestionKey(NamedTuple):
    """How one question of a random quiz is answered, and its results right and wrong."""

    difficulty: float
    sharpness: float
    points: Decimal
    right: dict
    wrong: dict


class Command(BaseCommand):
    help = "Build a site of size S, M or L with random learners, progress, quiz attempts and certificates."

    def add_arguments(self, parser):
        parser.add_argument("size", choices=sorted(SIZES))
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--clear", action="store_true", help="Remove earlier random data first.")

    def handle(self, *args, size, seed, clear, **options):
        if str(settings.SETTINGS_MODULE or "").endswith(".production"):
            raise CommandError("Refusing to create random data under the production settings.")
        self.random = random.Random(seed)
        self.started = time.monotonic()
        courses, largest = SIZES[size]
        existing = CourseIndexPage.objects.filter(slug=CATALOGUE_SLUG).first()
        if existing and not clear:
            raise CommandError("Random data exists already; add --clear to replace it.")
        if existing:
            self.clear(existing)
        with transaction.atomic():
            catalogue = self.make_catalogue()
            course_steps = self.make_courses(catalogue, courses)
            sizes = [max(3, round(largest / (rank**0.8))) for rank in range(1, courses + 1)]
            users = self.make_learners(round(largest * 1.6))
            self.make_records(course_steps, sizes, users)
        self.say(f"Done in {time.monotonic() - self.started:.1f} s.")

    def say(self, message):
        self.stdout.write(f"[{time.monotonic() - self.started:6.1f} s] {message}")
        self.stdout.flush()

    def clear(self, catalogue):
        self.say("Removing the earlier random data...")
        User = get_user_model()
        with transaction.atomic():
            User.objects.filter(username__startswith=USERNAME_PREFIX).delete()
            catalogue.delete()

    def make_catalogue(self):
        site = Site.objects.filter(is_default_site=True).first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise CommandError("No home page: run `manage.py load_demo_content` (or `make run`) first.")
        catalogue = CourseIndexPage(title="Kursy (dane losowe)", slug=CATALOGUE_SLUG)
        home.add_child(instance=catalogue)
        return catalogue

    def make_courses(self, catalogue, count):
        """Courses with 4 to 8 text lessons and a final quiz each; [(course, lessons, quiz)]."""
        made = []
        for n in range(count):
            topic = self.random.choice(TOPICS)
            course = CoursePage(
                title=f"Kurs {n + 1}: {topic}",
                slug=f"kurs-losowy-{n + 1}",
                summary=f"Kurs o temacie: {topic}.",
                live=True,
            )
            catalogue.add_child(instance=course)
            lessons = []
            for m in range(self.random.randint(4, 8)):
                lesson = LessonPage(
                    title=f"Lekcja {m + 1}",
                    slug=f"lekcja-{m + 1}",
                    intro="Wprowadzenie.",
                    body=[("text", f"<p>Treść lekcji {m + 1} o temacie: {topic}.</p>")],
                    reading_minutes=self.random.randint(5, 25),
                    live=True,
                )
                course.add_child(instance=lesson)
                lessons.append(lesson)
            quiz = QuizPage(title="Sprawdź wiedzę", slug="sprawdz-wiedze", answers_shown="never", live=True)
            quiz.questions = quiz_questions(QUIZZES["mikrogranty-w-gminie"]["questions"])
            course.add_child(instance=quiz)
            made.append((course, lessons, QuizPage.objects.get(pk=quiz.pk)))
            if (n + 1) % 10 == 0 or n + 1 == count:
                self.say(f"Courses: {n + 1}/{count}")
        return made

    def make_learners(self, count):
        User = get_user_model()
        password = make_password(None)  # unusable: random learners never log in
        types = [choice for choice, _label in OrganisationType.choices]
        regions = [choice for choice, _label in Voivodeship.choices]
        users = [
            User(
                username=f"{USERNAME_PREFIX}{n}",
                email=f"{USERNAME_PREFIX}{n}@example.org",
                password=password,
                display_name=f"Uczestnik {n}",
                organisation_name=f"Organizacja {n % 400}",
                organisation_type=self.random.choice(types),
                voivodeship=self.random.choice(regions),
                municipality=self.random.choice(MUNICIPALITIES),
                preferred_language="pl",
            )
            for n in range(count)
        ]
        for start in range(0, count, BATCH):
            User.objects.bulk_create(users[start : start + BATCH])
            self.say(f"Learners: {min(start + BATCH, count)}/{count}")
        return list(User.objects.filter(username__startswith=USERNAME_PREFIX).only("id"))

    def make_records(self, course_steps, sizes, users):
        now = timezone.now()
        total = sum(sizes)
        enrolled = 0
        for (course, lessons, quiz), size in zip(course_steps, sizes, strict=True):
            questions = quiz.freeze_questions(self.random)
            answer_key = self.answer_key(questions)
            max_score = sum(Decimal(question["points"]) for question in questions)
            learners = self.random.sample(users, min(size, len(users)))
            started = [now - timedelta(days=self.random.randint(1, 365)) for _ in learners]
            enrolments = Enrolment.objects.bulk_create(
                [Enrolment(learner=learner, course=course) for learner in learners], batch_size=BATCH
            )
            progress, attempts, certificates, completed = [], [], [], []
            for enrolment, learner, start in zip(enrolments, learners, started, strict=True):
                enrolment.enrolled_at = enrolment.last_activity_at = start
                # How far the learner got: a third finish, some stop at the quiz, the rest drop out.
                roll = self.random.random()
                if roll < 0.35:
                    reached = len(lessons) + 1
                elif roll < 0.45:
                    reached = len(lessons)
                else:
                    reached = self.random.randrange(len(lessons))
                for index, lesson in enumerate(lessons[:reached]):
                    progress.append(
                        LessonProgress(
                            learner=learner,
                            lesson=lesson,
                            enrolment=enrolment,
                            completed_at=start + timedelta(days=index),
                            watched_seconds=0,
                        )
                    )
                if reached < len(lessons):
                    continue
                passes = reached > len(lessons)
                tries = self.random.randint(1, 3)
                ability = self.random.gauss(0.8 if passes else 0.0, 0.8)
                for number in range(1, tries + 1):
                    passed = passes and number == tries
                    # Each try after a failure comes a little better prepared.
                    results = self.answer(answer_key, ability + 0.4 * (number - 1), passed, quiz.pass_mark)
                    score = sum((Decimal(result["points"]) for result in results), Decimal(0))
                    grade = AttemptGrade(exact_score=score, max_score=max_score, results=results)
                    attempts.append(
                        QuizAttempt(
                            learner=learner,
                            quiz=quiz,
                            enrolment=enrolment,
                            number=number,
                            submitted_at=start + timedelta(days=len(lessons) + number),
                            questions=questions,
                            results=results,
                            max_score=max_score,
                            score=grade.score,
                            percent=grade.percent,
                            pass_mark=quiz.pass_mark,
                            passed=passed,
                        )
                    )
                enrolment.last_activity_at = start + timedelta(days=len(lessons) + tries)
                if passes:
                    done = start + timedelta(days=len(lessons) + tries)
                    enrolment.completed_at = done
                    completed.append(enrolment)
                    certificates.append(
                        Certificate(
                            learner=learner,
                            course=course,
                            enrolment=enrolment,
                            state=Certificate.State.ISSUED,
                            learner_name=f"Uczestnik {learner.pk}",
                            course_title=course.title,
                            completed_on=done.date(),
                            course_hours=Decimal("2.5"),
                            rendered_at=done,
                            emailed_at=done,
                            email_wanted=False,
                            attempts=2,
                        )
                    )
            LessonProgress.objects.bulk_create(progress, batch_size=BATCH)
            QuizAttempt.objects.bulk_create(attempts, batch_size=BATCH)
            Enrolment.objects.bulk_update(
                enrolments, ["enrolled_at", "last_activity_at", "completed_at"], batch_size=BATCH
            )
            Certificate.objects.bulk_create(certificates, batch_size=BATCH)
            enrolled += len(enrolments)
            self.say(
                f"Enrolments: {enrolled}/{total} ({course.title}: {len(enrolments)} learners, "
                f"{len(completed)} completed)"
            )

    def answer_key(self, questions):
        """Per frozen question of a course's quiz: its chance curve (difficulty, and how sharply
        ability matters: near 0 for a question that tells nobody apart), its points and its two
        possible results, right and wrong, as grading stores them."""
        key = []
        for question in questions:
            points = Decimal(question["points"])
            right, wrong = (
                QuestionResult(question["id"], credit, points * credit, points).as_dict()
                for credit in (Decimal(1), Decimal(0))
            )
            sharpness = max(0.0, self.random.gauss(1.2, 0.6))
            key.append(QuestionKey(self.random.gauss(-0.3, 1.0), sharpness, points, right, wrong))
        return key

    def answer(self, answer_key, ability, passed, pass_mark):
        """The results of one attempt: each question right with the chance a learner of this
        ability has (a logistic curve), then the likeliest answers flipped until the attempt
        passes or fails as the learner's story says."""
        chances = [1 / (1 + math.exp(-key.sharpness * (ability - key.difficulty))) for key in answer_key]
        right = [self.random.random() < chance for chance in chances]
        total = sum(key.points for key in answer_key)
        # Passing: the likeliest wrong answers become right; failing: the unlikeliest right ones wrong.
        for index in sorted(range(len(chances)), key=chances.__getitem__, reverse=passed):
            earned = sum(key.points for key, correct in zip(answer_key, right, strict=True) if correct)
            if (earned * 100 >= pass_mark * total) == passed:
                break
            right[index] = passed
        return [key.right if correct else key.wrong for key, correct in zip(answer_key, right, strict=True)]
