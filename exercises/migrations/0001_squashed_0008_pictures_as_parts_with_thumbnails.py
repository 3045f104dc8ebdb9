"""Migrations 0001_initial to 0008_pictures_as_parts_with_thumbnails in one, for a new database: each model as it was after 0008_pictures_as_parts_with_thumbnails, made
in one step (the data migrations among them have nothing to change in a new database).
A database with some of them applied goes on with those (``replaces``)."""

import django.db.models.deletion
import django.utils.timezone
import editorial.images
import editorial.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('exercises', '0001_initial'),
        ('exercises', '0002_publish_permission'),
        ('exercises', '0003_drafts_and_revisions'),
        ('exercises', '0004_exercise_images'),
        ('exercises', '0005_suitability'),
        ('exercises', '0006_exercise_rules'),
        ('exercises', '0007_exercise_rule_leg_pain'),
        ('exercises', '0008_pictures_as_parts_with_thumbnails'),
    ]

    initial = True

    dependencies = [
        ('conditions', '0001_squashed_0007_condition_pictures'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ConditionExercise',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('phase', models.CharField(choices=[('early', 'Early days (first one to two weeks)'), ('recovery', 'Recovery'), ('prevention', 'Prevention')], max_length=10)),
                ('reason', models.CharField(help_text="One line on why it helps, e.g. 'opens out the facet joints'.", max_length=200)),
                ('first_line', models.BooleanField(default=False, help_text='Always in the plan when this condition is the most likely match, or the plan says what it waits for.', verbose_name='first-line')),
                ('condition', models.ForeignKey(limit_choices_to={'draft_of__isnull': True}, on_delete=django.db.models.deletion.PROTECT, to='conditions.condition')),
            ],
            options={
                'verbose_name': 'condition it helps',
                'verbose_name_plural': 'conditions it helps',
                'db_table': 'conditions_conditionexercise',
                'ordering': ['order', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Exercise',
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
                ('purpose', models.TextField(help_text='What it does and why it helps (Markdown).')),
                ('body_area', models.CharField(choices=[('core', 'Core and trunk'), ('glutes', 'Glutes and hips'), ('lower-back', 'Lower back'), ('legs', 'Legs'), ('nerves', 'Nerves')], max_length=12)),
                ('equipment', models.CharField(choices=[('none', 'None'), ('mat', 'Exercise mat'), ('step', 'Step or stair'), ('bench', 'Bench or sturdy chair'), ('ball', 'Massage or tennis ball'), ('band', 'Resistance band'), ('table', 'Table or worktop')], default='none', max_length=8)),
                ('difficulty', models.CharField(choices=[('easy', 'Easy'), ('moderate', 'Moderate'), ('hard', 'Hard')], max_length=8)),
                ('sets', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('reps', models.PositiveSmallIntegerField(blank=True, help_text='Per set.', null=True)),
                ('hold_seconds', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('per_side', models.BooleanField(default=False, help_text='Dose is for each side.')),
                ('frequency', models.CharField(help_text="e.g. 'Once a day'.", max_length=100)),
                ('easier', models.TextField(help_text='How to make it easier (Markdown).')),
                ('harder', models.TextField(help_text='How to make it harder (Markdown).')),
                ('cautions', models.TextField(help_text='Cautions and when to stop (Markdown).')),
                ('for_early', models.BooleanField(default=True, help_text='The first days, while the pain is new and sharp.', verbose_name='suitable in the early days')),
                ('for_settling', models.BooleanField(default=True, help_text='Once the worst has eased.', verbose_name='suitable while settling')),
                ('for_strengthening', models.BooleanField(default=True, help_text='Building strength to get back to running and stay there.', verbose_name='suitable when strengthening')),
                ('conditions', models.ManyToManyField(related_name='exercises', through='exercises.ConditionExercise', to='conditions.condition')),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='exercises.exercise')),
                ('sources', models.ManyToManyField(blank=True, help_text='The articles this content draws on.', limit_choices_to={'draft_of__isnull': True}, related_name='+', to='conditions.source')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
                'permissions': [('publish_exercise', 'Can publish, unpublish and mark reviewed')],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='conditionexercise',
            name='exercise',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='exercises.exercise'),
        ),
        migrations.CreateModel(
            name='ExerciseImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('image', models.ImageField(height_field='height', help_text='PNG, JPEG or WebP, 200 to 4,000 pixels a side, at most 2 MB.', upload_to=editorial.models.picture_path, validators=[editorial.images.validate_image_file], width_field='width')),
                ('width', models.PositiveIntegerField(editable=False, null=True)),
                ('height', models.PositiveIntegerField(editable=False, null=True)),
                ('thumbnail', models.ImageField(blank=True, editable=False, upload_to=editorial.models.picture_path)),
                ('alt_text', models.CharField(help_text='Describe the picture for people who cannot see it.', max_length=300)),
                ('caption', models.CharField(blank=True, help_text='Shown under the picture, e.g. the step it shows.', max_length=300)),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('exercise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='exercises.exercise')),
            ],
            options={
                'verbose_name': 'exercise picture',
                'ordering': ['order', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ExerciseRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('trait', models.CharField(choices=[('leaning-back-hurts', 'leaning backwards hurts'), ('bending-forward-hurts', 'bending forwards hurts'), ('leg-pain', 'pain or other symptoms reach the leg'), ('nerve-symptoms', 'there is tingling, numbness, burning or weakness in a leg'), ('no-leg-symptoms', 'nothing reaches the leg')], max_length=30, verbose_name='not while')),
                ('until', models.CharField(blank=True, help_text="Finishes 'Start once …', e.g. 'you can lean back without pain'. Leave blank to leave the exercise out of the plan altogether for these people.", max_length=200, verbose_name='start once')),
                ('exercise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rules', to='exercises.exercise')),
            ],
            options={
                'verbose_name': 'who should wait',
                'verbose_name_plural': 'who should wait',
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='ExerciseStep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('text', models.TextField()),
                ('exercise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='exercises.exercise')),
            ],
            options={
                'ordering': ['number'],
            },
        ),
        migrations.AddConstraint(
            model_name='exercise',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__gt', models.F('last_reviewed'))), name='exercises_exercise_next_review_after_last', violation_error_message='The next review must be after the last review.'),
        ),
        migrations.AddConstraint(
            model_name='exercise',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('slug',), name='exercises_exercise_unique_live_slug'),
        ),
        migrations.AddConstraint(
            model_name='conditionexercise',
            constraint=models.UniqueConstraint(fields=('condition', 'exercise'), name='unique_condition_exercise'),
        ),
        migrations.AddConstraint(
            model_name='exerciserule',
            constraint=models.UniqueConstraint(fields=('exercise', 'trait'), name='unique_exercise_rule'),
        ),
        migrations.AddConstraint(
            model_name='exercisestep',
            constraint=models.UniqueConstraint(fields=('exercise', 'number'), name='unique_exercise_step'),
        ),
    ]
