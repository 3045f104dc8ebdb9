"""The sources this app's content cites are editorial's Source now (editorial 0002): the same
table, so only the migration state changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("exercises", "0008_pictures_as_parts_with_thumbnails"), ("editorial", "0002_source_from_conditions")]
    run_before = [("conditions", "0009_source_moves_to_editorial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="exercise",
                    name="sources",
                    field=models.ManyToManyField(blank=True, help_text="The articles this content draws on.", limit_choices_to={"draft_of__isnull": True}, related_name="+", to="editorial.source"),
                ),
            ],
        ),
    ]
