from django.db import migrations


def drop_links_to_working_drafts(apps, schema_editor):
    """Related conditions became one-way links: remove the links the two-way field wrote
    onto other items when a working draft linked to them. No one chose those (the field offers
    no working draft), and they made a draft's links change live items and other drafts."""
    Link = apps.get_model("conditions", "Condition").related_conditions.through
    Link.objects.filter(to_condition__draft_of__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [("conditions", "0009_source_moves_to_editorial")]

    operations = [migrations.RunPython(drop_links_to_working_drafts, migrations.RunPython.noop)]
