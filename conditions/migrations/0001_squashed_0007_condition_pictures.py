"""Migrations 0001_initial to 0007_condition_pictures in one, for a new database: each model as it was after 0007_condition_pictures, made
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
        ('conditions', '0001_initial'),
        ('conditions', '0002_initial'),
        ('conditions', '0003_publish_permissions'),
        ('conditions', '0004_clinical_roles'),
        ('conditions', '0005_drafts_and_revisions'),
        ('conditions', '0006_condition_assess_before_plan'),
        ('conditions', '0007_condition_pictures'),
    ]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Condition',
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
                ('summary', models.CharField(help_text='One or two sentences for lists and search results.', max_length=400)),
                ('what_it_is', models.TextField(help_text='What the condition is (Markdown).')),
                ('why_runners_get_it', models.TextField(help_text='Typical causes in runners (Markdown).')),
                ('symptoms_text', models.TextField(help_text='How it usually feels (Markdown).')),
                ('treatment_text', models.TextField(help_text='How to treat it (Markdown).')),
                ('prevention_text', models.TextField(help_text='How to prevent it (Markdown).')),
                ('when_to_seek_help', models.TextField(help_text='When to see a professional (Markdown).')),
                ('assess_before_plan', models.BooleanField(default=False, help_text="When this is the most likely match, the result asks the person to be checked by a GP or physiotherapist first and lists every exercise under 'later'.", verbose_name='assessment before a plan')),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='conditions.condition')),
                ('related_conditions', models.ManyToManyField(blank=True, limit_choices_to={'draft_of__isnull': True}, to='conditions.condition')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
                'permissions': [('publish_condition', 'Can publish, unpublish and mark reviewed')],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ConditionImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('image', models.ImageField(height_field='height', help_text='PNG, JPEG or WebP, 200 to 4,000 pixels a side, at most 2 MB.', upload_to=editorial.models.picture_path, validators=[editorial.images.validate_image_file], width_field='width')),
                ('width', models.PositiveIntegerField(editable=False, null=True)),
                ('height', models.PositiveIntegerField(editable=False, null=True)),
                ('thumbnail', models.ImageField(blank=True, editable=False, upload_to=editorial.models.picture_path)),
                ('alt_text', models.CharField(help_text='Describe the picture for people who cannot see it.', max_length=300)),
                ('caption', models.CharField(blank=True, help_text='Shown under the picture, e.g. the step it shows.', max_length=300)),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('condition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='conditions.condition')),
            ],
            options={
                'verbose_name': 'condition picture',
                'ordering': ['order', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='RiskFactor',
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
                ('description', models.TextField(help_text='Why it matters for the back (Markdown).')),
                ('advice', models.TextField(help_text='What a runner can change (Markdown).')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='conditions.riskfactor')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'running risk factor',
                'ordering': ['order', 'name'],
                'permissions': [('publish_riskfactor', 'Can publish, unpublish and mark reviewed')],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='condition',
            name='risk_factors',
            field=models.ManyToManyField(blank=True, limit_choices_to={'draft_of__isnull': True}, related_name='conditions', to='conditions.riskfactor'),
        ),
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', editable=False, help_text='Only published items are shown to the public.', max_length=10)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('updated', models.DateTimeField(auto_now=True)),
                ('edit_version', models.PositiveIntegerField(default=0, editable=False, help_text='Counts saves, so two concurrent edits clash.')),
                ('review_request', models.CharField(blank=True, choices=[('', 'Being edited'), ('submitted', 'Awaiting review'), ('returned', 'Sent back with comments')], editable=False, max_length=10)),
                ('review_note', models.TextField(blank=True, editable=False)),
                ('review_comment', models.TextField(blank=True, editable=False)),
                ('key', models.SlugField(help_text="Short unique label, e.g. 'bergin-2024'.")),
                ('title', models.CharField(max_length=300)),
                ('author', models.CharField(help_text='Name and role of the author.', max_length=200)),
                ('publisher', models.CharField(max_length=200)),
                ('url', models.URLField(blank=True, max_length=500)),
                ('accessed', models.DateField(help_text='The date the article was read for this site.')),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='conditions.source')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['title'],
                'permissions': [('publish_source', 'Can publish and unpublish')],
            },
        ),
        migrations.AddField(
            model_name='riskfactor',
            name='sources',
            field=models.ManyToManyField(blank=True, help_text='The articles this content draws on.', limit_choices_to={'draft_of__isnull': True}, related_name='+', to='conditions.source'),
        ),
        migrations.CreateModel(
            name='RedFlag',
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
                ('sign', models.CharField(help_text='The sign, as a person would notice it.', max_length=300)),
                ('slug', models.SlugField()),
                ('level', models.CharField(choices=[('emergency', 'Emergency: call 999 or go to A&E now'), ('urgent', 'Urgent: same-day GP appointment or NHS 111')], max_length=10)),
                ('what_to_do', models.TextField(help_text='What to do and why (Markdown).')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='conditions.redflag')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('sources', models.ManyToManyField(blank=True, help_text='The articles this content draws on.', limit_choices_to={'draft_of__isnull': True}, related_name='+', to='conditions.source')),
            ],
            options={
                'verbose_name': 'red flag',
                'ordering': ['level', 'order'],
                'permissions': [('publish_redflag', 'Can publish, unpublish and mark reviewed')],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Guide',
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
                ('title', models.CharField(max_length=200)),
                ('slug', models.SlugField()),
                ('summary', models.CharField(max_length=400)),
                ('body', models.TextField(help_text='Markdown.')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='conditions.guide')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('sources', models.ManyToManyField(blank=True, help_text='The articles this content draws on.', limit_choices_to={'draft_of__isnull': True}, related_name='+', to='conditions.source')),
            ],
            options={
                'ordering': ['order', 'title'],
                'permissions': [('publish_guide', 'Can publish, unpublish and mark reviewed')],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='condition',
            name='sources',
            field=models.ManyToManyField(blank=True, help_text='The articles this content draws on.', limit_choices_to={'draft_of__isnull': True}, related_name='+', to='conditions.source'),
        ),
        migrations.CreateModel(
            name='Symptom',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', editable=False, help_text='Only published items are shown to the public.', max_length=10)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('updated', models.DateTimeField(auto_now=True)),
                ('edit_version', models.PositiveIntegerField(default=0, editable=False, help_text='Counts saves, so two concurrent edits clash.')),
                ('review_request', models.CharField(blank=True, choices=[('', 'Being edited'), ('submitted', 'Awaiting review'), ('returned', 'Sent back with comments')], editable=False, max_length=10)),
                ('review_note', models.TextField(blank=True, editable=False)),
                ('review_comment', models.TextField(blank=True, editable=False)),
                ('name', models.CharField(help_text='As a runner would say it.', max_length=200)),
                ('slug', models.SlugField()),
                ('description', models.TextField(blank=True)),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='conditions.symptom')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
                'permissions': [('publish_symptom', 'Can publish and unpublish')],
            },
        ),
        migrations.CreateModel(
            name='ConditionSymptom',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('typicality', models.CharField(choices=[('common', 'Common'), ('sometimes', 'Sometimes'), ('rare', 'Rare')], default='common', max_length=10)),
                ('condition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='conditions.condition')),
                ('symptom', models.ForeignKey(limit_choices_to={'draft_of__isnull': True}, on_delete=django.db.models.deletion.PROTECT, to='conditions.symptom')),
            ],
            options={
                'ordering': ['order', 'id'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='condition',
            name='symptoms',
            field=models.ManyToManyField(related_name='conditions', through='conditions.ConditionSymptom', to='conditions.symptom'),
        ),
        migrations.CreateModel(
            name='Treatment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', editable=False, help_text='Only published items are shown to the public.', max_length=10)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('updated', models.DateTimeField(auto_now=True)),
                ('edit_version', models.PositiveIntegerField(default=0, editable=False, help_text='Counts saves, so two concurrent edits clash.')),
                ('review_request', models.CharField(blank=True, choices=[('', 'Being edited'), ('submitted', 'Awaiting review'), ('returned', 'Sent back with comments')], editable=False, max_length=10)),
                ('review_note', models.TextField(blank=True, editable=False)),
                ('review_comment', models.TextField(blank=True, editable=False)),
                ('name', models.CharField(max_length=200)),
                ('slug', models.SlugField()),
                ('description', models.TextField(help_text='What to do and why, in plain words (Markdown).')),
                ('when_to_avoid', models.TextField(blank=True, help_text='When this treatment is not suitable (Markdown).')),
                ('draft_of', models.ForeignKey(blank=True, editable=False, help_text='The live item this row is the working draft of.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='drafts', to='conditions.treatment')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
                'permissions': [('publish_treatment', 'Can publish and unpublish')],
            },
        ),
        migrations.CreateModel(
            name='ConditionTreatment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('phase', models.CharField(choices=[('early', 'Early days (first one to two weeks)'), ('recovery', 'Recovery'), ('prevention', 'Prevention')], max_length=10)),
                ('condition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='conditions.condition')),
                ('treatment', models.ForeignKey(limit_choices_to={'draft_of__isnull': True}, on_delete=django.db.models.deletion.PROTECT, to='conditions.treatment')),
            ],
            options={
                'ordering': ['order', 'id'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='condition',
            name='treatments',
            field=models.ManyToManyField(related_name='conditions', through='conditions.ConditionTreatment', to='conditions.treatment'),
        ),
        migrations.CreateModel(
            name='GuideQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('question', models.CharField(max_length=300)),
                ('answer', models.TextField(help_text='Markdown.')),
                ('order', models.PositiveSmallIntegerField()),
                ('guide', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='conditions.guide')),
            ],
            options={
                'ordering': ['order'],
                'constraints': [models.UniqueConstraint(fields=('guide', 'order'), name='unique_guide_question_order')],
            },
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('key',), name='conditions_source_unique_live_key'),
        ),
        migrations.AddConstraint(
            model_name='riskfactor',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__gt', models.F('last_reviewed'))), name='conditions_riskfactor_next_review_after_last', violation_error_message='The next review must be after the last review.'),
        ),
        migrations.AddConstraint(
            model_name='riskfactor',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('slug',), name='conditions_riskfactor_unique_live_slug'),
        ),
        migrations.AddConstraint(
            model_name='redflag',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__gt', models.F('last_reviewed'))), name='conditions_redflag_next_review_after_last', violation_error_message='The next review must be after the last review.'),
        ),
        migrations.AddConstraint(
            model_name='redflag',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('slug',), name='conditions_redflag_unique_live_slug'),
        ),
        migrations.AddConstraint(
            model_name='guide',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__gt', models.F('last_reviewed'))), name='conditions_guide_next_review_after_last', violation_error_message='The next review must be after the last review.'),
        ),
        migrations.AddConstraint(
            model_name='guide',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('slug',), name='conditions_guide_unique_live_slug'),
        ),
        migrations.AddConstraint(
            model_name='symptom',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('slug',), name='conditions_symptom_unique_live_slug'),
        ),
        migrations.AddConstraint(
            model_name='conditionsymptom',
            constraint=models.UniqueConstraint(fields=('condition', 'symptom'), name='unique_condition_symptom'),
        ),
        migrations.AddConstraint(
            model_name='treatment',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('slug',), name='conditions_treatment_unique_live_slug'),
        ),
        migrations.AddConstraint(
            model_name='conditiontreatment',
            constraint=models.UniqueConstraint(fields=('condition', 'treatment'), name='unique_condition_treatment'),
        ),
        migrations.AddConstraint(
            model_name='condition',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__gt', models.F('last_reviewed'))), name='conditions_condition_next_review_after_last', violation_error_message='The next review must be after the last review.'),
        ),
        migrations.AddConstraint(
            model_name='condition',
            constraint=models.UniqueConstraint(condition=models.Q(('draft_of__isnull', True)), fields=('slug',), name='conditions_condition_unique_live_slug'),
        ),
    ]
