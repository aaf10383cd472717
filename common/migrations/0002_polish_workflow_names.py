"""Wagtail's default moderation workflow is named after its English group ("Moderators
approval"), and the Polish admin showed "Wyślij do Moderators approval": named in Polish."""

from django.db import migrations

NAMES = {"Moderators approval": "Akceptacja moderatorów"}


def rename(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for english, polish in NAMES.items():
        Workflow.objects.filter(name=english).update(name=polish)
        Task.objects.filter(name=english).update(name=polish)


def rename_back(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for english, polish in NAMES.items():
        Workflow.objects.filter(name=polish).update(name=english)
        Task.objects.filter(name=polish).update(name=english)


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(rename, rename_back)]
