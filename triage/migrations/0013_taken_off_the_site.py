"""When, by whom and why a questionnaire version stopped being live
(``editorial.models.Publishable``); versions replaced earlier get it from their revisions,
so they are kept as they were (``versions.is_editable``)."""

from django.conf import settings
from django.db import migrations, models

from editorial.off_site_history import record_earlier_replacements


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        ('triage', '0012_sources_from_editorial'),
    ]

    operations = [
        migrations.AddField(
            model_name='questionnaire',
            name='taken_off_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it stopped being live; empty while live or never published.', null=True),
        ),
        migrations.AddField(
            model_name='questionnaire',
            name='taken_off_by',
            field=models.CharField(blank=True, editable=False, help_text='The clinical reviewer who took it off the site, as a review is signed.', max_length=200),
        ),
        migrations.AddField(
            model_name='questionnaire',
            name='taken_off_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it stopped being live.'),
        ),
        migrations.RunPython(record_earlier_replacements, migrations.RunPython.noop),
    ]
