"""The courses app's models: pages (catalogue, course, lesson, quiz with its questions) and the
learning records kept for each learner."""

from .certificates import Certificate, CertificateBatch, normalize_certificate_code
from .pages import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    SyllabusItemMixin,
    attach_lesson_totals,
    format_duration,
)
from .quizzes import QuizChoice, QuizPage, QuizQuestion
from .records import Enrolment, LessonProgress, QuizAttempt

__all__ = [
    "Certificate",
    "CertificateBatch",
    "normalize_certificate_code",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "QuizAttempt",
    "QuizChoice",
    "QuizPage",
    "QuizQuestion",
    "SyllabusItemMixin",
    "attach_lesson_totals",
    "format_duration",
]
