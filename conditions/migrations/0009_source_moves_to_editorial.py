"""Source now belongs to the editorial app (editorial 0002): this app's content cites it
there, and it leaves this app's migration state. The table stays as it is."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0008_source_key_constraint_dropped"),
        ("editorial", "0002_source_from_conditions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="condition",
                    name="sources",
                    field=models.ManyToManyField(blank=True, help_text="The articles this content draws on.", limit_choices_to={"draft_of__isnull": True}, related_name="+", to="editorial.source"),
                ),
                migrations.AlterField(
                    model_name="guide",
                    name="sources",
                    field=models.ManyToManyField(blank=True, help_text="The articles this content draws on.", limit_choices_to={"draft_of__isnull": True}, related_name="+", to="editorial.source"),
                ),
                migrations.AlterField(
                    model_name="redflag",
                    name="sources",
                    field=models.ManyToManyField(blank=True, help_text="The articles this content draws on.", limit_choices_to={"draft_of__isnull": True}, related_name="+", to="editorial.source"),
                ),
                migrations.AlterField(
                    model_name="riskfactor",
                    name="sources",
                    field=models.ManyToManyField(blank=True, help_text="The articles this content draws on.", limit_choices_to={"draft_of__isnull": True}, related_name="+", to="editorial.source"),
                ),
                migrations.DeleteModel(name="Source"),
            ],
        ),
    ]
