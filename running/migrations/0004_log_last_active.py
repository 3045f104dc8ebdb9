import datetime

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F, Max


def from_latest_use(apps, schema_editor):
    """A log made before this field was last used when it started, or on its latest session's
    day, whichever is later (the day is a date: its start is taken)."""
    RunnerLog = apps.get_model("running", "RunnerLog")
    RunnerLog.objects.update(last_active=F("created"))
    for log in RunnerLog.objects.annotate(latest_day=Max("sessions__day")).exclude(
        latest_day=None
    ):
        latest = django.utils.timezone.make_aware(
            datetime.datetime.combine(log.latest_day, datetime.time.min)
        )
        if latest > log.created:
            RunnerLog.objects.filter(pk=log.pk).update(last_active=latest)


class Migration(migrations.Migration):
    dependencies = [("running", "0003_sources_from_editorial")]

    operations = [
        migrations.AddField(
            model_name="runnerlog",
            name="last_active",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.RunPython(from_latest_use, migrations.RunPython.noop),
    ]
