"""When, by whom and why a live row stopped being live (``editorial.models.Publishable``);
rows already taken off the site get when and by whom from their last "Taken off the site"
revision. A synonym is called a search synonym
in lists that mix kinds."""

from django.conf import settings
from django.db import migrations, models

from editorial.off_site_history import record_earlier_removals


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        ('search', '0005_reindex_with_sentence_breaks'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='synonym',
            options={'ordering': ['name'], 'permissions': [('publish_synonym', 'Can publish, unpublish and mark reviewed')], 'verbose_name': 'search synonym'},
        ),
        migrations.AddField(
            model_name='synonym',
            name='taken_off_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it stopped being live; empty while live or never published.', null=True),
        ),
        migrations.AddField(
            model_name='synonym',
            name='taken_off_by',
            field=models.CharField(blank=True, editable=False, help_text='The clinical reviewer who took it off the site, as a review is signed.', max_length=200),
        ),
        migrations.AddField(
            model_name='synonym',
            name='taken_off_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it stopped being live.'),
        ),
        migrations.RunPython(
            record_earlier_removals("search", ['Synonym']), migrations.RunPython.noop
        ),
    ]
