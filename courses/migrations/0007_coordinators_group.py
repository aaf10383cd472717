"""The "Coordinators" group: follows learning and manages certificates in the admin; does not
edit pages. Reports and per-course limits come with the coordinator reports."""

from django.db import migrations

GROUP_NAME = "Coordinators"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("courses", "view_certificate"),
    ("courses", "change_certificate"),
]


def create_coordinators_group(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions of this project's models are normally made after migrate; make them now.
    for label in {app for app, _codename in PERMISSIONS}:
        app_config = global_apps.get_app_config(label)
        app_config.models_module = app_config.models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, codename in PERMISSIONS:
        coordinators.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_coordinators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_certificates"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_coordinators_group, remove_coordinators_group)]
