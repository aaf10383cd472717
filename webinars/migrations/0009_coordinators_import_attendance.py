"""Coordinators import attendance reports of live events (and see them)."""

from django.db import migrations

PERMISSIONS = [("webinars", "add_attendance"), ("webinars", "view_attendance")]


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    app_config = global_apps.get_app_config("webinars")
    app_config.models_module = app_config.models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators, _created = Group.objects.get_or_create(name="Coordinators")
    for app_label, codename in PERMISSIONS:
        coordinators.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="webinars", codename__in=[c for _a, c in PERMISSIONS])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("webinars", "0008_attendance"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
