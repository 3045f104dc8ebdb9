"""The stored entries emptied so that ``search.apps.fill_empty_index`` rebuilds them after this
migrate, with each joined text ending as a sentence (``editorial.registry.joined``)."""

from django.db import migrations


def empty_index(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pg_trgm_and_reindex")]

    operations = [migrations.RunPython(empty_index, migrations.RunPython.noop)]
