"""Coordinators may mark a course complete for a learner (with a reason, kept for the audit trail)."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    app_config = global_apps.get_app_config("courses")
    app_config.models_module = app_config.models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="courses", codename="complete_manually")
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Coordinators"):
        group.permissions.remove(*Permission.objects.filter(codename="complete_manually"))


class Migration(migrations.Migration):
    dependencies = [("courses", "0011_coordinator_scope_manual_completion")]

    operations = [migrations.RunPython(grant, revoke)]
