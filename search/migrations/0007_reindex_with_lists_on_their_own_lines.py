"""The stored entries emptied so that ``search.apps.fill_empty_index`` rebuilds them after this
migrate, with each joined text on a line of its own (``editorial.registry.joined``): a list
that opened one (an exercise's "Easier" or "Harder") showed its "- " marks in search snippets."""

from django.db import migrations


def empty_index(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_taken_off_the_site")]

    operations = [migrations.RunPython(empty_index, migrations.RunPython.noop)]
