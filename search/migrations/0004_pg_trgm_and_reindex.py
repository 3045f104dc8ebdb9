"""pg_trgm for misspelt searches (PostgreSQL only: the operation does nothing elsewhere), and
the stored entries emptied so that ``search.apps.fill_empty_index`` rebuilds them after this
migrate with the red flags' call numbers."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def empty_index(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_synonyms_and_call_numbers")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(empty_index, migrations.RunPython.noop),
    ]
