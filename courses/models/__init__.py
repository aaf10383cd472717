"""The courses app's models: pages (catalogue, course, lesson, quiz with its questions) and the
learning records kept for each learner."""

from .pages import CourseIndexPage, CoursePage, LessonPage, SyllabusItemMixin
from .quizzes import QuizChoice, QuizPage, QuizQuestion
from .records import CoordinatorScope, Enrolment, LessonProgress, ManualCompletion, QuizAttempt

__all__ = [
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
]
