"""Migrations 0001_programmes_and_runners_logs to 0002_log_keeps_its_standing in one, for a new database: each model as it was after 0002_log_keeps_its_standing, made
in one step (the data migrations among them have nothing to change in a new database).
A database with some of them applied goes on with those (``replaces``)."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import editorial.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('running', '0001_programmes_and_runners_logs'),
        ('running', '0002_log_keeps_its_standing'),
    ]

    initial = True

    dependencies = [
        ('conditions', '0001_squashed_0007_condition_pictures'),
        ('triage', '0001_squashed_0011_deleted_result'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', editable=False, help_text='Only published items are shown to the public.', max_length=10)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('updated', models.DateTimeField(auto_now=True)),
                ('edit_version', models.PositiveIntegerField(default=0, editable=False, help_text='Counts saves, so two concurrent edits clash.')),
                ('review_request', models.CharField(blank=True, choices=[('', 'Being edited'), ('submitted', 'Awaiting review'), ('returned', 'Sent back with comments')], editable=False, max_length=10)),
                ('review_note', models.TextField(blank=True, editable=False)),
                ('review_comment', models.TextField(blank=True, editable=False)),
                ('last_reviewed', models.DateField(default=django.utils.timezone.localdate, editable=False)),
                ('next_review_due', models.DateField(default=editorial.models.default_next_review, editable=False)),
                ('reviewed_by', models.CharField(blank=True, editable=False, help_text='The clinical reviewer who published or last reviewed it.', max_length=200)),
                ('name', models.CharField(max_length=200)),
                ('slug', models.SlugField()),
                ('summary', models.CharField(help_text='One sentence for lists.', max_length=300)),
                ('introduction', models.TextField(help_text='Who it is for and how the pain checks work, in plain words (Markdown).')),
                ('for_running', models.CharField(blank=True, choices=[('stop', 'Stop running for now'), ('modify', 'Change how you run'), ('continue', 'Keep running')], help_text='The questionnaire results it is offered to; blank for any.', max_length=10, verbose_name='for the running verdict')),
                ('stop_pain', models.PositiveSmallIntegerField(default=7, help_text='Pain at or above this (0–10), at any check, stops the programme: see a clinician.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='stop at pain')),
                ('on_flare', models.CharField(choices=[('step_back', 'Step back one stage'), ('stop', 'Stop and see a clinician')], default='step_back', help_text="What happens when pain goes over a stage's limits.", max_length=10, verbose_name='on a flare')),
                ('sessions_per_week', models.PositiveSmallIntegerField(default=3, help_text="How often to do a session, for the runner's calendar.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(7)])),
                ('condition', models.ForeignKey(blank=True, help_text="Offered first when this is the result's closest match; blank for any.", limit_choices_to={'draft_of__isnull': True}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='conditions.condition')),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='running.programme')),
                ('sources', models.ManyToManyField(blank=True, help_text='The articles this content draws on.', limit_choices_to={'draft_of__isnull': True}, related_name='+', to='conditions.source')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
                'permissions': [('publish_programme', 'Can publish, unpublish and mark reviewed')],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ProgrammeTestCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
                ('steps', models.TextField(help_text="One session a line: pain during, pain after, next-morning pain (or '-' if not yet checked), an optional red flag ('emergency' or 'urgent'), then the expected decision (repeat, move_on, step_back or stop), e.g. '2 3 1 repeat'.")),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='test_cases', to='running.programme')),
            ],
            options={
                'verbose_name': 'programme test case',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='RunnerLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('programme_name', models.CharField(help_text='Kept so the runner sees what they followed if it goes.', max_length=200)),
                ('consent_to_outcomes', models.BooleanField(default=False)),
                ('created', models.DateTimeField(default=django.utils.timezone.now)),
                ('sessions_logged', models.PositiveIntegerField(default=0, editable=False)),
                ('standing', models.JSONField(default=dict, editable=False)),
                ('programme', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='logs', to='running.programme')),
                ('submission', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='running_log', to='triage.submission')),
            ],
            options={
                'verbose_name': "runner's log",
            },
        ),
        migrations.CreateModel(
            name='Outcome',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('week', models.PositiveSmallIntegerField(choices=[(2, '2 weeks'), (6, '6 weeks')])),
                ('hard_activities', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='how hard running and everyday activities are')),
                ('worst_pain', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='worst pain this week')),
                ('created', models.DateTimeField(default=django.utils.timezone.now)),
                ('log', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='outcomes', to='running.runnerlog')),
            ],
            options={
                'ordering': ['week'],
            },
        ),
        migrations.CreateModel(
            name='LoggedSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('day', models.DateField(default=django.utils.timezone.localdate)),
                ('stage', models.PositiveSmallIntegerField(help_text='The stage the runner was on.')),
                ('pain_during', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='pain during')),
                ('pain_after', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='pain after')),
                ('next_morning', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='pain next morning')),
                ('red_flag', models.CharField(blank=True, choices=[('', 'None'), ('emergency', 'Emergency'), ('urgent', 'Urgent')], max_length=10)),
                ('morning_red_flag', models.CharField(blank=True, choices=[('', 'None'), ('emergency', 'Emergency'), ('urgent', 'Urgent')], max_length=10)),
                ('log', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='running.runnerlog')),
            ],
            options={
                'ordering': ['number'],
            },
        ),
        migrations.CreateModel(
            name='Stage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('name', models.CharField(help_text="e.g. 'Walk–run intervals'.", max_length=100)),
                ('session', models.CharField(help_text="What one session is, e.g. 'Walk 1 minute, run 1 minute, 10 times'.", max_length=300)),
                ('minutes', models.PositiveSmallIntegerField(default=30, help_text="How long a session takes, for the runner's calendar.")),
                ('sessions_to_move_on', models.PositiveSmallIntegerField(default=3, help_text='Good sessions in this stage (each with its next-morning check) to move on.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(20)])),
                ('max_pain_during', models.PositiveSmallIntegerField(default=3, help_text='0–10, during the session.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='most pain during')),
                ('max_pain_after', models.PositiveSmallIntegerField(default=3, help_text='0–10, just after the session.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='most pain after')),
                ('max_pain_next_morning', models.PositiveSmallIntegerField(default=2, help_text='0–10, on waking the next morning.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='most pain next morning')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stages', to='running.programme')),
            ],
            options={
                'ordering': ['number'],
            },
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__gt', models.F('last_reviewed'))), name='running_programme_next_review_after_last', violation_error_message='The next review must be after the last review.'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('slug',), name='running_programme_unique_live_slug'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=models.CheckConstraint(condition=models.Q(('stop_pain__lte', 10)), name='programme_stop_pain'),
        ),
        migrations.AddConstraint(
            model_name='programmetestcase',
            constraint=models.UniqueConstraint(fields=('programme', 'name'), name='unique_programme_case'),
        ),
        migrations.AddConstraint(
            model_name='outcome',
            constraint=models.UniqueConstraint(fields=('log', 'week'), name='unique_outcome_week'),
        ),
        migrations.AddConstraint(
            model_name='outcome',
            constraint=models.CheckConstraint(condition=models.Q(('hard_activities__lte', 10), ('worst_pain__lte', 10)), name='outcome_scores_0_to_10'),
        ),
        migrations.AddConstraint(
            model_name='loggedsession',
            constraint=models.UniqueConstraint(fields=('log', 'number'), name='unique_logged_session'),
        ),
        migrations.AddConstraint(
            model_name='loggedsession',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('pain_during__lte', 10), ('pain_during__isnull', True), _connector='OR'), models.Q(('pain_after__lte', 10), ('pain_after__isnull', True), _connector='OR'), models.Q(('next_morning__lte', 10), ('next_morning__isnull', True), _connector='OR')), name='logged_pain_0_to_10'),
        ),
        migrations.AddConstraint(
            model_name='stage',
            constraint=models.UniqueConstraint(fields=('programme', 'number'), name='unique_programme_stage'),
        ),
        migrations.AddConstraint(
            model_name='stage',
            constraint=models.CheckConstraint(condition=models.Q(('max_pain_during__lte', 10), ('max_pain_after__lte', 10), ('max_pain_next_morning__lte', 10)), name='stage_pain_limits_0_to_10'),
        ),
    ]
