"""The page editor's help for quizzes: each question shows only the fields its type uses."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def quiz_editor_js():
    return format_html('<script src="{}" defer></script>', static("js/quiz_editor.js"))
