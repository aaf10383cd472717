"""The admin's login page, before Wagtail's admin URLs (elearning.urls): the guarded one."""

from django.urls import path

from .admin_login import AdminLoginView

urlpatterns = [path("login/", AdminLoginView.as_view(), name="wagtailadmin_login")]
