"""Learner endpoints, inside the language prefix so messages come in the learner's language."""

from django.urls import path

from . import views

urlpatterns = [
    path("nauka/kurs/<id:course_id>/zapisz/", views.course_enrol, name="course_enrol"),
    path("nauka/postep/", views.lesson_progress, name="lesson_progress"),
    path("nauka/lekcja/<id:lesson_id>/ukonczona/", views.lesson_done, name="lesson_done"),
    path("nauka/quiz/<id:quiz_id>/rozpocznij/", views.quiz_attempt_start, name="quiz_attempt_start"),
    path("nauka/podejscie/<id:attempt_id>/wyslij/", views.quiz_attempt_submit, name="quiz_attempt_submit"),
    path("nauka/podejscie/<id:attempt_id>/", views.quiz_attempt_result, name="quiz_attempt_result"),
]
