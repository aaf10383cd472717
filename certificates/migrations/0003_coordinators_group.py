"""The "Coordinators" group: follows learning in the reports, marks courses complete by hand
and manages certificates in the admin; does not edit pages. An administrator may limit a
coordinator to chosen courses ("Coordinators' courses")."""

from django.db import migrations

GROUP_NAME = "Coordinators"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("certificates", "view_certificate"),
    ("certificates", "change_certificate"),
    ("courses", "view_learning_reports"),
    ("courses", "complete_manually"),
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
        coordinators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_coordinators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_initial"),
        ("courses", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_coordinators_group, remove_coordinators_group)]
