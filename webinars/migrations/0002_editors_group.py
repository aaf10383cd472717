"""The "Editors" group: builds and publishes webinars, courses and lessons, uploads slide decks,
videos, documents and images; cannot manage users or settings."""

from django.db import migrations

GROUP_NAME = "Editors"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}
MODEL_PERMISSIONS = {
    "webinars": ["slidedeck", "speaker"],
    "common": ["topicarea"],
}


def _ensure_permissions(apps):
    # Permissions of this project's models are normally made after migrate; make them now.
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for label in ("common", "webinars", "wagtaildocs", "wagtailimages", "wagtailadmin"):
        app_config = global_apps.get_app_config(label)
        app_config.models_module = app_config.models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)


def create_editors_group(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    editors, _created = Group.objects.get_or_create(name=GROUP_NAME)
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for app_label, models in MODEL_PERMISSIONS.items():
        for model in models:
            for action in ("add", "change", "delete", "view"):
                editors.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )

    root_page = Page.objects.filter(depth=1).first()
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=editors, page=root_page, permission=permission)

    root_collection = Collection.objects.filter(depth=1).first()
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_initial"),
        ("webinars", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_editors_group, migrations.RunPython.noop)]
