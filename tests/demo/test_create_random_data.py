"""`create_random_data` builds a site of a named size with consistent learning records."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from certificates.models import Certificate
from courses.models import CoursePage, Enrolment, LessonProgress, QuizAttempt

pytestmark = pytest.mark.django_db


def test_size_s(home_page, capsys):
    call_command("create_random_data", "S")
    output = capsys.readouterr().out
    assert "Courses: 12/12" in output and "Learners: 160/160" in output and "Enrolments:" in output

    courses = CoursePage.objects.filter(slug__startswith="kurs-losowy-")
    assert courses.count() == 12
    sizes = sorted(courses.annotate(n=Count("enrolments")).values_list("n", flat=True), reverse=True)
    assert sizes[0] == 100 and sizes[-1] < sizes[0]
    completed = Enrolment.objects.filter(completed_at__isnull=False)
    assert 0 < completed.count() < Enrolment.objects.count()
    # Records agree: each completed enrolment has a passed attempt and an issued certificate.
    assert Certificate.objects.filter(state="issued").count() == completed.count()
    assert QuizAttempt.objects.filter(passed=True).values("enrolment").distinct().count() == completed.count()
    assert all(e.completed_at >= e.enrolled_at for e in completed)
    assert LessonProgress.objects.filter(completed_at__isnull=False).exists()

    with pytest.raises(CommandError):
        call_command("create_random_data", "S")
    call_command("create_random_data", "S", "--clear")
    assert CoursePage.objects.filter(slug__startswith="kurs-losowy-").count() == 12
    assert Enrolment.objects.filter(course__slug="kurs-losowy-1").count() == 100
