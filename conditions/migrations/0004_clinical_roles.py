"""The clinical editor and reviewer groups with their permissions.

The permissions come from editorial.roles, which also runs after every migrate (see
conditions.apps), so models added later, such as the questionnaire's, join the roles too.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

from editorial.roles import EDITOR, REVIEWER, role_apps, sync_role_permissions


def create_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    # Permissions normally appear only after all migrations; make this app's exist now.
    for label in role_apps():
        if global_apps.is_installed(label):
            config = global_apps.get_app_config(label)
            create_contenttypes(config, verbosity=0, using=using, apps=global_apps)
            create_permissions(config, verbosity=0, using=using, apps=global_apps)
    sync_role_permissions(using=using)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=[EDITOR, REVIEWER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0003_publish_permissions"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
