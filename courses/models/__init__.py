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
from .records import CoordinatorScope, Enrolment, LessonProgress, ManualCompletion, QuizAttempt

__all__ = [
    "Certificate",
    "CertificateBatch",
    "normalize_certificate_code",
    "CoordinatorScope",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ManualCompletion",
    "QuizAttempt",
    "QuizChoice",
    "QuizPage",
    "QuizQuestion",
    "SyllabusItemMixin",
    "attach_lesson_totals",
    "format_duration",
]
