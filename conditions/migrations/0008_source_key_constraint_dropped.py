"""The first step of moving Source to the editorial app (editorial 0002): its unique-key
constraint is named after its app, so the old name goes here and editorial adds the new one."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("conditions", "0007_condition_pictures")]

    operations = [
        migrations.RemoveConstraint(model_name="source", name="conditions_source_unique_live_key"),
    ]
