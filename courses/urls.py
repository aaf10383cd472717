"""Learner endpoints, inside the language prefix so messages come in the learner's language."""

from django.urls import path

from . import reports, views  # noqa: F401 - reports registers the bounded "id" converter

urlpatterns = [
    path("moja-nauka/", views.my_learning, name="my_learning"),
    path("nauka/kurs/<int:course_id>/zapisz/", views.course_enrol, name="course_enrol"),
    path("nauka/postep/", views.lesson_progress, name="lesson_progress"),
    path("nauka/lekcja/<int:lesson_id>/ukonczona/", views.lesson_done, name="lesson_done"),
    path("nauka/quiz/<int:quiz_id>/rozpocznij/", views.quiz_attempt_start, name="quiz_attempt_start"),
    path("nauka/podejscie/<id:attempt_id>/wyslij/", views.quiz_attempt_submit, name="quiz_attempt_submit"),
    path("nauka/podejscie/<id:attempt_id>/", views.quiz_attempt_result, name="quiz_attempt_result"),
    path("certyfikat/sprawdz/", views.certificate_lookup, name="certificate_lookup"),
    path("certyfikat/<uuid:verification_id>/", views.certificate_verify, name="certificate_verify"),
    path("certyfikat/<uuid:verification_id>/pdf/", views.certificate_pdf, name="certificate_pdf"),
]
