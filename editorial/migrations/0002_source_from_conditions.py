"""Source (the articles content cites) moves here from the conditions app, with its rows in the
same table (``conditions_source``). Its content type moves with it, so its permissions, admin
log entries and revisions follow, and its stored revisions name the model's new label.
Reversing the migration moves them back."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Replace

OLD, NEW = ("conditions", "source"), ("editorial", "source")


def relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    LogEntry = apps.get_model("admin", "LogEntry")
    old_type = ContentType.objects.filter(app_label=old[0], model=old[1]).first()
    if old_type is None:
        return
    new_type = ContentType.objects.filter(app_label=new[0], model=new[1]).first()
    if new_type is None:  # the usual case: the type and what points to it move together
        old_type.app_label = new[0]
        old_type.save()
        new_type = old_type
    else:  # both exist (conditions 0004 makes the current models' types on a new database)
        Version.objects.filter(content_type=old_type).update(content_type=new_type)
        LogEntry.objects.filter(content_type=old_type).update(content_type=new_type)
        old_type.delete()  # with its permissions: the roles are synced again after migrate
    Version.objects.filter(content_type=new_type).update(
        serialized_data=Replace("serialized_data", Value('"%s.%s"' % old), Value('"%s.%s"' % new))
    )


def forwards(apps, schema_editor):
    relabel(apps, OLD, NEW)


def backwards(apps, schema_editor):
    relabel(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_sign_offs_without_login_names"),
        ("conditions", "0008_source_key_constraint_dropped"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Source",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("status", models.CharField(choices=[("draft", "Draft"), ("published", "Published")], default="draft", editable=False, help_text="Only published items are shown to the public.", max_length=10)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("updated", models.DateTimeField(auto_now=True)),
                        ("edit_version", models.PositiveIntegerField(default=0, editable=False, help_text="Counts saves, so two concurrent edits clash.")),
                        ("review_request", models.CharField(blank=True, choices=[("", "Being edited"), ("submitted", "Awaiting review"), ("returned", "Sent back with comments")], editable=False, max_length=10)),
                        ("review_note", models.TextField(blank=True, editable=False)),
                        ("review_comment", models.TextField(blank=True, editable=False)),
                        ("key", models.SlugField(help_text="Short unique label, e.g. 'bergin-2024'.")),
                        ("title", models.CharField(max_length=300)),
                        ("author", models.CharField(help_text="Name and role of the author.", max_length=200)),
                        ("publisher", models.CharField(max_length=200)),
                        ("url", models.URLField(blank=True, max_length=500)),
                        ("accessed", models.DateField(help_text="The date the article was read for this site.")),
                        ("draft_of", models.ForeignKey(blank=True, editable=False, help_text="The live item this row is the working draft of.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="drafts", to="editorial.source")),
                        ("submitted_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "conditions_source",
                        "ordering": ["title"],
                        "permissions": [("publish_source", "Can publish and unpublish")],
                    },
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(condition=models.Q(("draft_of__isnull", True)), fields=("key",), name="editorial_source_unique_live_key"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
