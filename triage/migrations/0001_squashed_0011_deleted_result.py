"""Migrations 0001_initial to 0011_deleted_result in one, for a new database: each model as it was after 0011_deleted_result, made
in one step (the data migrations among them have nothing to change in a new database).
A database with some of them applied goes on with those (``replaces``)."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import editorial.models
import triage.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('triage', '0001_initial'),
        ('triage', '0002_drafts_and_revisions'),
        ('triage', '0003_combined_rules_leg_symptoms_one_result_per_walk'),
        ('triage', '0004_question_reach'),
        ('triage', '0005_test_case_urgency_labels'),
        ('triage', '0006_question_picture'),
        ('triage', '0007_questionnaire_review'),
        ('triage', '0008_result_per_walk_and_answers'),
        ('triage', '0009_rule_rules_out'),
        ('triage', '0010_option_trait_questionnaire_plan_size'),
        ('triage', '0011_deleted_result'),
    ]

    initial = True

    dependencies = [
        ('conditions', '0001_squashed_0007_condition_pictures'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DeletedResult',
            fields=[
                ('token_digest', models.CharField(max_length=64, primary_key=True, serialize=False)),
                ('deleted', models.DateField(db_index=True, default=django.utils.timezone.localdate)),
            ],
        ),
        migrations.CreateModel(
            name='Option',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('code', models.SlugField()),
                ('label', models.CharField(max_length=300)),
                ('exclusive', models.BooleanField(default=False, help_text="Multiple choice: an answer such as 'None of these' that cannot be combined.")),
                ('min_value', models.SmallIntegerField(blank=True, help_text='Number questions: the lowest answer in this band.', null=True)),
                ('max_value', models.SmallIntegerField(blank=True, help_text='Number questions: the highest answer in this band.', null=True)),
                ('phase', models.CharField(blank=True, choices=[('acute', 'Acute (new, in the first couple of weeks)'), ('recovering', 'Recovering (settling or longer-standing)')], help_text='Choosing this answer sets the phase, which picks the exercises.', max_length=10)),
                ('leg_symptoms', models.CharField(blank=True, choices=[('pain', 'Pain reaches the leg'), ('nerve', 'Leg nerve symptoms are active (tingling, numbness, burning, weakness)')], help_text='What choosing this answer says about the leg; the plan leaves out exercises that are not suitable then.', max_length=10)),
                ('trait', models.CharField(blank=True, choices=[('leaning-back-hurts', 'leaning backwards hurts'), ('bending-forward-hurts', 'bending forwards hurts')], help_text="What choosing this answer says about the person that an exercise's cautions may name; the plan holds those exercises back.", max_length=30)),
            ],
            options={
                'ordering': ['question', 'order', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Question',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('section', models.CharField(choices=[('emergency', 'Emergency signs'), ('urgent', 'Urgent signs'), ('symptoms', 'About your pain')], default='symptoms', max_length=10)),
                ('order', models.PositiveSmallIntegerField(help_text='Order within its section.')),
                ('code', models.SlugField(help_text='Short label used in answers and test cases.')),
                ('text', models.CharField(help_text='The question, shown as the heading.', max_length=300)),
                ('help_text', models.TextField(blank=True, help_text='Plain text shown under the question.')),
                ('kind', models.CharField(choices=[('single', 'Single choice'), ('multiple', 'Multiple choice'), ('yes_no', 'Yes or no'), ('number', 'Number (such as age)')], max_length=10)),
                ('picture', models.CharField(blank=True, choices=[('body-map', 'Body map: where the pain is'), ('figure-four', 'The figure-four sitting position')], help_text="A picture shown above the answers, whatever the question's code.", max_length=20)),
                ('min_value', models.SmallIntegerField(blank=True, help_text='Number questions: the smallest answer accepted.', null=True)),
                ('max_value', models.SmallIntegerField(blank=True, help_text='Number questions: the largest answer accepted.', null=True)),
                ('show_if_option', models.ForeignKey(blank=True, help_text='Ask this question only when this answer to an earlier question was chosen.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='triage.option')),
            ],
            options={
                'ordering': ['questionnaire', 'order'],
            },
        ),
        migrations.AddField(
            model_name='option',
            name='question',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='options', to='triage.question'),
        ),
        migrations.CreateModel(
            name='Questionnaire',
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
                ('version', models.PositiveIntegerField(unique=True)),
                ('title', models.CharField(default='Check your back pain', max_length=200)),
                ('threshold', models.PositiveSmallIntegerField(default=4, help_text='A condition is shown only when its score reaches this number, so weak evidence shows no condition.')),
                ('plan_size', models.PositiveSmallIntegerField(default=5, help_text="The most exercises a result lists under 'Do these now', and under 'Later'.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)], verbose_name='exercises in a plan')),
                ('notes', models.TextField(blank=True, help_text='What changed in this version (for staff).')),
                ('sources', models.ManyToManyField(blank=True, help_text='The articles this content draws on.', limit_choices_to={'draft_of__isnull': True}, related_name='+', to='conditions.source')),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-version'],
                'permissions': [('publish_questionnaire', 'Can publish a questionnaire version')],
            },
        ),
        migrations.AddField(
            model_name='question',
            name='questionnaire',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='triage.questionnaire'),
        ),
        migrations.CreateModel(
            name='QuestionReach',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('question_code', models.SlugField()),
                ('day', models.DateField()),
                ('count', models.PositiveIntegerField(default=0)),
                ('questionnaire', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='triage.questionnaire')),
            ],
            options={
                'verbose_name': 'question reach',
                'verbose_name_plural': 'question reach',
                'ordering': ['questionnaire', 'day', 'question_code'],
            },
        ),
        migrations.CreateModel(
            name='Rule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('weight', models.SmallIntegerField(default=0, help_text='From -5 (strongly against) to +5 (strongly for); 0 only when the rule rules the condition out, forces a disposition or gives running advice.')),
                ('rules_out', models.BooleanField(default=False, help_text='Rules the condition out: it is not shown whatever its score, e.g. spinal stenosis under 20. Only for a rule toward a condition, with weight 0.', verbose_name='rules the condition out')),
                ('forced_disposition', models.CharField(blank=True, choices=[('emergency', 'Emergency: call 999 or go to A&E now'), ('urgent', 'Urgent: same-day GP appointment or NHS 111'), ('soon', 'See a physiotherapist or GP soon')], help_text='The most urgent forced disposition wins over all scores.', max_length=10)),
                ('running', models.CharField(blank=True, choices=[('stop', 'Stop running for now'), ('modify', 'Change how you run')], max_length=10)),
                ('reason', models.CharField(help_text="Shown to the person, e.g. 'worse leaning back'.", max_length=300)),
                ('condition', models.ForeignKey(blank=True, limit_choices_to={'draft_of__isnull': True}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='conditions.condition')),
                ('only_with', models.ForeignKey(blank=True, help_text='Fire only when this answer to another question was also given, e.g. an age band together with severe pain.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='triage.option')),
                ('option', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rules', to='triage.option')),
                ('red_flag', models.ForeignKey(blank=True, help_text='Emergency and urgent rules: the red flag whose advice the person is shown.', limit_choices_to={'draft_of__isnull': True}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='conditions.redflag')),
                ('risk_factor', models.ForeignKey(blank=True, help_text='Running advice: the running factor whose advice says what to change.', limit_choices_to={'draft_of__isnull': True}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='conditions.riskfactor')),
            ],
            options={
                'ordering': ['option', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Submission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(default=triage.models.new_token, editable=False, max_length=64, unique=True)),
                ('walk', models.CharField(blank=True, editable=False, help_text='One go through the questionnaire with the same final answers gives one result, however often it is sent; other answers give a result of their own.', max_length=64, null=True, unique=True)),
                ('answers', models.JSONField(default=dict)),
                ('result', models.JSONField(default=dict, help_text='The result as shown, kept as it was.')),
                ('disposition', models.CharField(choices=[('emergency', 'Emergency: call 999 or go to A&E now'), ('urgent', 'Urgent: same-day GP appointment or NHS 111'), ('soon', 'See a physiotherapist or GP soon'), ('self_care', 'Look after it yourself')], max_length=10)),
                ('consent_to_keep', models.BooleanField(default=False)),
                ('created', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('questionnaire', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='triage.questionnaire')),
            ],
            options={
                'ordering': ['-created'],
            },
        ),
        migrations.CreateModel(
            name='TriageTestCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('description', models.CharField(blank=True, max_length=300)),
                ('answers', models.JSONField(default=dict, help_text='Keyed by question code: an option code, a list of option codes for multiple choice, or a number, e.g. {"onset": "sudden", "worse": ["leaning-back"], "age": 45}.')),
                ('expected_disposition', models.CharField(choices=[('emergency', 'Emergency: call 999 or go to A&E now'), ('urgent', 'Urgent: same-day GP appointment or NHS 111'), ('soon', 'See a physiotherapist or GP soon'), ('self_care', 'Look after it yourself')], max_length=10, verbose_name='expected urgency')),
                ('alternative_disposition', models.CharField(blank=True, choices=[('emergency', 'Emergency: call 999 or go to A&E now'), ('urgent', 'Urgent: same-day GP appointment or NHS 111'), ('soon', 'See a physiotherapist or GP soon'), ('self_care', 'Look after it yourself')], help_text='Another urgency that is also right for these answers, e.g. self-care or see soon.', max_length=10, verbose_name='another acceptable urgency')),
                ('acceptable_top3', models.ManyToManyField(blank=True, help_text='If set, every condition in the top three must be one of these.', limit_choices_to={'draft_of__isnull': True}, related_name='+', to='conditions.condition', verbose_name='acceptable top three')),
                ('expected_top_condition', models.ForeignKey(blank=True, help_text='Leave empty when no condition should be shown.', limit_choices_to={'draft_of__isnull': True}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='conditions.condition')),
                ('questionnaire', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='test_cases', to='triage.questionnaire')),
            ],
            options={
                'verbose_name': 'clinician test case',
                'ordering': ['questionnaire', 'name'],
            },
        ),
        migrations.AddConstraint(
            model_name='option',
            constraint=models.UniqueConstraint(fields=('question', 'code'), name='triage_unique_option_code'),
        ),
        migrations.AddConstraint(
            model_name='questionnaire',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__gt', models.F('last_reviewed'))), name='triage_questionnaire_next_review_after_last', violation_error_message='The next review must be after the last review.'),
        ),
        migrations.AddConstraint(
            model_name='questionnaire',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'published')), fields=('status',), name='triage_one_published_questionnaire', violation_error_message='Only one questionnaire version can be published.'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=models.UniqueConstraint(fields=('questionnaire', 'code'), name='triage_unique_question_code'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=models.CheckConstraint(condition=models.Q(('min_value__isnull', True), ('max_value__isnull', True), ('max_value__gte', models.F('min_value')), _connector='OR'), name='triage_question_min_below_max', violation_error_message='The smallest answer must not exceed the largest.'),
        ),
        migrations.AddConstraint(
            model_name='questionreach',
            constraint=models.UniqueConstraint(fields=('questionnaire', 'question_code', 'day'), name='triage_one_reach_count_per_question_and_day'),
        ),
        migrations.AddConstraint(
            model_name='rule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('condition__isnull', False), ('forced_disposition', ''), ('rules_out', False), ('running', ''), ('weight__gte', -5), ('weight__lte', 5), models.Q(('weight', 0), _negated=True)), models.Q(('condition__isnull', False), ('forced_disposition', ''), ('rules_out', True), ('running', ''), ('weight', 0)), models.Q(('condition__isnull', True), ('rules_out', False), ('running', ''), ('weight', 0), models.Q(('forced_disposition', ''), _negated=True)), models.Q(('condition__isnull', True), ('forced_disposition', ''), ('rules_out', False), ('weight', 0), models.Q(('running', ''), _negated=True)), _connector='OR'), name='triage_rule_has_exactly_one_effect', violation_error_message='A rule either weighs toward a condition (weight -5 to +5, not 0), or rules a condition out (weight 0), or forces a disposition, or gives running advice: exactly one of these.'),
        ),
        migrations.AddConstraint(
            model_name='rule',
            constraint=models.CheckConstraint(condition=models.Q(('red_flag__isnull', True), ('forced_disposition__in', ['emergency', 'urgent']), _connector='OR'), name='triage_rule_red_flag_only_when_urgent', violation_error_message='Only emergency or urgent rules can point to a red flag.'),
        ),
        migrations.AddConstraint(
            model_name='rule',
            constraint=models.CheckConstraint(condition=models.Q(('risk_factor__isnull', True), models.Q(('running', ''), _negated=True), _connector='OR'), name='triage_rule_risk_factor_only_with_running_advice', violation_error_message='Only running advice can point to a running factor.'),
        ),
        migrations.AddConstraint(
            model_name='rule',
            constraint=models.UniqueConstraint(condition=models.Q(('condition__isnull', False), ('only_with__isnull', True)), fields=('option', 'condition'), name='triage_one_weight_per_option_condition'),
        ),
        migrations.AddConstraint(
            model_name='rule',
            constraint=models.UniqueConstraint(condition=models.Q(('condition__isnull', False), ('only_with__isnull', False)), fields=('option', 'condition', 'only_with'), name='triage_one_weight_per_option_condition_answer'),
        ),
        migrations.AddConstraint(
            model_name='rule',
            constraint=models.UniqueConstraint(condition=models.Q(('forced_disposition', ''), _negated=True), fields=('option', 'forced_disposition'), name='triage_one_forced_disposition_per_option'),
        ),
        migrations.AddConstraint(
            model_name='rule',
            constraint=models.UniqueConstraint(condition=models.Q(('running', ''), _negated=True), fields=('option', 'running'), name='triage_one_running_effect_per_option'),
        ),
        migrations.AddConstraint(
            model_name='triagetestcase',
            constraint=models.UniqueConstraint(fields=('questionnaire', 'name'), name='triage_unique_test_case_name'),
        ),
    ]
