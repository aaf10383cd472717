"""Editors upload recordings to the media library and choose them in webinar pages."""

from django.db import migrations

CODENAMES = ["add_recordingfile", "change_recordingfile", "choose_recordingfile"]


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    app_config = global_apps.get_app_config("webinars")
    app_config.models_module = app_config.models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    editors = Group.objects.filter(name="Editors").first()
    root_collection = Collection.objects.filter(depth=1).first()
    if editors is None or root_collection is None:
        return
    for codename in CODENAMES:
        permission = Permission.objects.get(content_type__app_label="webinars", codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root_collection, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [("webinars", "0003_recording_files")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
