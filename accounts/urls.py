"""The learner's own account pages, under /konto/ beside allauth's."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("moje-dane.json", views.data_export, name="data_export"),
    path("usun/", views.account_delete, name="delete"),
]
