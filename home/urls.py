"""The site's own endpoints besides pages, inside the language prefix."""

from django.urls import path

from . import views

urlpatterns = [
    path("szukaj/", views.search, name="search"),
    path("moja-nauka/", views.my_learning, name="my_learning"),
]
