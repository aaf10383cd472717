"""Public addresses of live events: registration, the emailed confirm/cancel links, joining."""

from django.urls import path

from . import public_views

urlpatterns = [
    path("wydarzenia/<id:webinar_id>/zapisy/", public_views.webinar_register, name="webinar_register"),
    path(
        "wydarzenia/potwierdz/<str:token>/",
        public_views.registration_confirm,
        name="webinar_registration_confirm",
    ),
    path(
        "wydarzenia/rezygnacja/<str:token>/",
        public_views.registration_cancel,
        name="webinar_registration_cancel",
    ),
    path("wydarzenia/dolacz/<str:token>/", public_views.webinar_join, name="webinar_join"),
]
