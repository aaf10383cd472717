"""Public certificate pages, inside the language prefix."""

from django.urls import path

from . import views

urlpatterns = [
    path("certyfikat/sprawdz/", views.certificate_lookup, name="certificate_lookup"),
    path("certyfikat/stan/<id:course_id>/", views.certificate_status, name="certificate_status"),
    path("certyfikat/<uuid:verification_id>/", views.certificate_verify, name="certificate_verify"),
    path("certyfikat/<uuid:verification_id>/pdf/", views.certificate_pdf, name="certificate_pdf"),
]
