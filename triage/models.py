"""The symptom questionnaire: versions, questions, options, rules, test cases and submissions.

Clinicians edit all of it in admin. The scoring itself lives in ``triage.engine.scoring`` and
works on plain data built from these rows by ``build_rulebook`` (at the end of this module; kept
in memory by ``triage.questionnaire.rulebooks``); the choices label its values.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from conditions.traits import ANSWER_TRAITS
from conditions.urgency import Urgency
from core.retention import retention_days
from editorial.models import (
    LIVE_ROWS,
    Cited,
    EditorialQuerySet,
    Publishable,
    Reviewable,
    ReviewCycle,
    ReviewRequest,
    Status,
)
from triage.answer_checks import answer_problems
from triage.engine import scoring

WEIGHT_MIN, WEIGHT_MAX = -5, 5


FORCEABLE = [choice for choice in Urgency.choices if choice[0] != Urgency.SELF_CARE]


class RunningEffect(models.TextChoices):
    STOP = scoring.STOP, _("Stop running for now")
    MODIFY = scoring.MODIFY, _("Change how you run")


class LegSymptoms(models.TextChoices):
    """What an answer says about the leg, from least to most; exercises can exclude any."""

    PAIN = scoring.LEG_PAIN, _("Pain reaches the leg")
    NERVE = (
        scoring.LEG_NERVE,
        _("Leg nerve symptoms are active (tingling, numbness, burning, weakness)"),
    )


class PainPhase(models.TextChoices):
    ACUTE = scoring.ACUTE, _("Acute (new, in the first couple of weeks)")
    RECOVERING = scoring.RECOVERING, _("Recovering (settling or longer-standing)")


class QuestionnaireQuerySet(EditorialQuerySet):
    def live(self):
        """The one published version, or None."""
        return self.published().first()

    def get_by_natural_key(self, version):
        return self.get(version=version)

    def items(self):
        return self

    def editable(self):
        """The versions whose rows may change (``versions.is_editable``): drafts that are not
        awaiting review and that no result was made with."""
        return (
            self.exclude(status=Status.PUBLISHED)
            .exclude(review_request=ReviewRequest.SUBMITTED)
            .filter(submissions__isnull=True)
        )


def refuse_if_fixed(questionnaire):
    """Questions, options and rules change only on a draft version, never on the live one, nor
    on one that results were made with while it was live (the results name it, and a clinic
    may hold its FHIR Questionnaire)."""
    if questionnaire is None:
        return
    if questionnaire.status == Status.PUBLISHED:
        raise ValidationError(
            _(
                "Version %(version)s is live and cannot be changed. Copy it to a new draft, "
                "edit the draft, and publish that."
            )
            % {"version": questionnaire.version}
        )
    if questionnaire.is_replaced:
        raise ValidationError(replaced_refusal(questionnaire))
    if questionnaire.made_results():
        raise ValidationError(RESULTS_MADE_REFUSAL % {"version": questionnaire.version})


RESULTS_MADE_REFUSAL = _(
    "Results were made with version %(version)s while it was live, so it is kept as it was. "
    "Copy it to a new draft, edit the draft, and publish that."
)


def replaced_refusal(questionnaire):
    """Why a replaced version cannot change: publishing it again would quietly bring back the
    rules the version that replaced it changed."""
    return _(
        "Version %(version)s was live until %(day)s (%(reason)s), so it is kept as it was: "
        "changing and publishing it again would quietly undo what the versions after it changed. "
        "To change the questionnaire, use “Start a new draft from the live version”; to go "
        "back to this version on purpose, start a new draft from it."
    ) % {
        "version": questionnaire.version,
        "reason": questionnaire.taken_off_reason,
        "day": date_format(timezone.localtime(questionnaire.taken_off_at), "j M Y"),
    }


class Questionnaire(Publishable, Reviewable, ReviewCycle, Cited):
    """One version of the questionnaire. Only one version is published (live) at a time."""

    version = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200, default="Check your back pain")
    threshold = models.PositiveSmallIntegerField(
        default=4,
        help_text=_(
            "A condition is shown only when its score reaches this number, so weak evidence "
            "shows no condition."
        ),
    )
    plan_size = models.PositiveSmallIntegerField(
        _("exercises in a plan"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("The most exercises a result lists under 'Do these now', and under 'Later'."),
    )
    notes = models.TextField(blank=True, help_text=_("What changed in this version (for staff)."))
    # The version that was live when this draft was copied: it is the live version's one working
    # draft while that version is live, and it cannot go live once another has gone live since
    # (it would undo that version's changes).
    copied_while_live = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        permissions = [("publish_questionnaire", _("Can publish a questionnaire version"))]
        constraints = [
            *ReviewCycle.Meta.constraints,
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=Status.PUBLISHED),
                name="triage_one_published_questionnaire",
                violation_error_message=_("Only one questionnaire version can be published."),
            ),
        ]

    def __str__(self):
        return _("Version %(version)s (%(status)s)") % {
            "version": self.version,
            "status": self.get_status_display().lower(),
        }

    def natural_key(self):
        return (self.version,)

    @property
    def kind_and_name(self):
        return _("Questionnaire version %(version)s") % {"version": self.version}

    @property
    def is_replaced(self):
        """It was live until another version was published (the live version cannot be taken
        off the site any other way, ``versions.UNPUBLISH_REFUSAL``)."""
        return self.is_off_the_site

    def made_results(self):
        """True once a runner's result was made with this version (it was live then)."""
        return self.pk is not None and self.submissions.exists()


class QuestionManager(models.Manager):
    def get_by_natural_key(self, version, code):
        return self.get(questionnaire__version=version, code=code)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = scoring.SINGLE, _("Single choice")
        MULTIPLE = scoring.MULTIPLE, _("Multiple choice")
        YES_NO = scoring.YES_NO, _("Yes or no")
        NUMBER = scoring.NUMBER, _("Number (such as age)")

    class Section(models.TextChoices):
        """Red-flag sections are always asked first, emergency signs before urgent ones."""

        EMERGENCY = scoring.EMERGENCY, _("Emergency signs")
        URGENT = scoring.URGENT, _("Urgent signs")
        SYMPTOMS = scoring.SYMPTOMS, _("About your pain")

    class Picture(models.TextChoices):
        BODY_MAP = "body-map", _("Body map: where the pain is")
        FIGURE_FOUR = "figure-four", _("The figure-four sitting position")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.CharField(max_length=10, choices=Section.choices, default=Section.SYMPTOMS)
    order = models.PositiveSmallIntegerField(help_text=_("Order within its section."))
    code = models.SlugField(
        max_length=50, help_text=_("Short label used in answers and test cases.")
    )
    text = models.CharField(max_length=300, help_text=_("The question, shown as the heading."))
    help_text = models.TextField(blank=True, help_text=_("Plain text shown under the question."))
    kind = models.CharField(max_length=10, choices=Kind.choices)
    picture = models.CharField(
        max_length=20,
        choices=Picture.choices,
        blank=True,
        help_text=_("A picture shown above the answers, whatever the question's code."),
    )
    min_value = models.SmallIntegerField(
        null=True, blank=True, help_text=_("Number questions: the smallest answer accepted.")
    )
    max_value = models.SmallIntegerField(
        null=True, blank=True, help_text=_("Number questions: the largest answer accepted.")
    )
    show_if_option = models.ForeignKey(
        "Option",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ask this question only when this answer to an earlier question was chosen."),
    )

    objects = QuestionManager()

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="triage_unique_question_code"
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=models.F("min_value")),
                name="triage_question_min_below_max",
                violation_error_message=_("The smallest answer must not exceed the largest."),
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.text}"

    def natural_key(self):
        return (self.questionnaire.version, self.code)

    natural_key.dependencies = ["triage.questionnaire"]

    def clean(self):
        if self.questionnaire_id is not None:
            refuse_if_fixed(self.questionnaire)
        option = self.show_if_option
        if option is None or self.questionnaire_id is None:
            return
        earlier = option.question
        if earlier.questionnaire_id != self.questionnaire_id or earlier.pk == self.pk:
            raise ValidationError(
                {"show_if_option": _("Choose an answer to an earlier question of this version.")}
            )


class OptionManager(models.Manager):
    def get_by_natural_key(self, version, question_code, code):
        return self.get(
            question__questionnaire__version=version, question__code=question_code, code=code
        )


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(max_length=50)
    label = models.CharField(max_length=300)
    exclusive = models.BooleanField(
        default=False,
        help_text=_("Multiple choice: an answer such as 'None of these' that cannot be combined."),
    )
    min_value = models.SmallIntegerField(
        null=True, blank=True, help_text=_("Number questions: the lowest answer in this band.")
    )
    max_value = models.SmallIntegerField(
        null=True, blank=True, help_text=_("Number questions: the highest answer in this band.")
    )
    phase = models.CharField(
        max_length=10,
        choices=PainPhase.choices,
        blank=True,
        help_text=_("Choosing this answer sets the phase, which picks the exercises."),
    )
    leg_symptoms = models.CharField(
        max_length=10,
        choices=LegSymptoms.choices,
        blank=True,
        help_text=_(
            "What choosing this answer says about the leg; the plan leaves out exercises "
            "that are not suitable then."
        ),
    )
    trait = models.CharField(
        max_length=30,
        choices=ANSWER_TRAITS,
        blank=True,
        help_text=_(
            "What choosing this answer says about the person that an exercise's cautions "
            "may name; the plan holds those exercises back."
        ),
    )

    objects = OptionManager()

    class Meta:
        ordering = ["question", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="triage_unique_option_code")
        ]

    def __str__(self):
        return f"{self.question.code} → {self.label}"

    def clean(self):
        if self.question_id is not None:
            refuse_if_fixed(self.question.questionnaire)

    def natural_key(self):
        return (*self.question.natural_key(), self.code)

    natural_key.dependencies = ["triage.question"]


class RuleManager(models.Manager):
    def get_by_natural_key(
        self,
        version,
        question_code,
        option_code,
        condition,
        forced,
        running,
        with_question="",
        with_option="",
    ):
        only_with = (
            {"only_with__question__code": with_question, "only_with__code": with_option}
            if with_question
            else {"only_with__isnull": True}
        )
        rules = self.filter(
            option__question__questionnaire__version=version,
            option__question__code=question_code,
            option__code=option_code,
            **({"condition__slug": condition} if condition else {"condition__isnull": True}),
            forced_disposition=forced,
            running=running,
        )
        # A weight is one per option, condition and "only with" answer; a forced disposition
        # or running advice is one per option, whatever its "only with".
        return rules.get(**only_with) if condition else rules.get()


class Rule(models.Model):
    """What choosing an option does: exactly one of a weight toward (or against) a condition,
    a disposition it forces, or running advice."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="rules")
    condition = models.ForeignKey(
        "conditions.Condition",
        limit_choices_to=LIVE_ROWS,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    weight = models.SmallIntegerField(
        default=0,
        help_text=_(
            "From %(min)s (strongly against) to +%(max)s (strongly for); 0 only when the rule "
            "rules the condition out, forces a disposition or gives running advice."
        )
        % {"min": WEIGHT_MIN, "max": WEIGHT_MAX},
    )
    rules_out = models.BooleanField(
        _("rules the condition out"),
        default=False,
        help_text=_(
            "Rules the condition out: it is not shown whatever its score, e.g. spinal stenosis "
            "under 20. Only for a rule toward a condition, with weight 0."
        ),
    )
    forced_disposition = models.CharField(
        max_length=10,
        choices=FORCEABLE,
        blank=True,
        help_text=_("The most urgent forced disposition wins over all scores."),
    )
    red_flag = models.ForeignKey(
        "conditions.RedFlag",
        limit_choices_to=LIVE_ROWS,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Emergency and urgent rules: the red flag whose advice the person is shown."),
    )
    running = models.CharField(max_length=10, choices=RunningEffect.choices, blank=True)
    risk_factor = models.ForeignKey(
        "conditions.RiskFactor",
        limit_choices_to=LIVE_ROWS,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Running advice: the running factor whose advice says what to change."),
    )
    only_with = models.ForeignKey(
        Option,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Fire only when this answer to another question was also given, e.g. an age band "
            "together with severe pain."
        ),
    )
    reason = models.CharField(
        max_length=300, help_text=_("Shown to the person, e.g. 'worse leaning back'.")
    )

    objects = RuleManager()

    class Meta:
        ordering = ["option", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        condition__isnull=False,
                        weight__gte=WEIGHT_MIN,
                        weight__lte=WEIGHT_MAX,
                        rules_out=False,
                        forced_disposition="",
                        running="",
                    )
                    & ~Q(weight=0)
                )
                | Q(
                    condition__isnull=False,
                    weight=0,
                    rules_out=True,
                    forced_disposition="",
                    running="",
                )
                | (
                    Q(condition__isnull=True, weight=0, rules_out=False, running="")
                    & ~Q(forced_disposition="")
                )
                | (
                    Q(condition__isnull=True, weight=0, rules_out=False, forced_disposition="")
                    & ~Q(running="")
                ),
                name="triage_rule_has_exactly_one_effect",
                violation_error_message=_(
                    "A rule either weighs toward a condition (weight %(min)s to +%(max)s, not 0), "
                    "or rules a condition out (weight 0), or forces a disposition, or gives "
                    "running advice: exactly one of these."
                )
                % {"min": WEIGHT_MIN, "max": WEIGHT_MAX},
            ),
            models.CheckConstraint(
                condition=Q(red_flag__isnull=True)
                | Q(forced_disposition__in=[Urgency.EMERGENCY, Urgency.URGENT]),
                name="triage_rule_red_flag_only_when_urgent",
                violation_error_message=_(
                    "Only emergency or urgent rules can point to a red flag."
                ),
            ),
            models.CheckConstraint(
                condition=Q(risk_factor__isnull=True) | ~Q(running=""),
                name="triage_rule_risk_factor_only_with_running_advice",
                violation_error_message=_("Only running advice can point to a running factor."),
            ),
            models.UniqueConstraint(
                fields=["option", "condition"],
                condition=Q(condition__isnull=False, only_with__isnull=True),
                name="triage_one_weight_per_option_condition",
            ),
            models.UniqueConstraint(
                fields=["option", "condition", "only_with"],
                condition=Q(condition__isnull=False, only_with__isnull=False),
                name="triage_one_weight_per_option_condition_answer",
            ),
            models.UniqueConstraint(
                fields=["option", "forced_disposition"],
                condition=~Q(forced_disposition=""),
                name="triage_one_forced_disposition_per_option",
            ),
            models.UniqueConstraint(
                fields=["option", "running"],
                condition=~Q(running=""),
                name="triage_one_running_effect_per_option",
            ),
        ]

    def __str__(self):
        if self.condition_id and self.rules_out:
            return _("rules out %(condition)s: %(reason)s") % {
                "condition": self.condition,
                "reason": self.reason,
            }
        if self.condition_id:
            return f"{self.weight:+d} {self.condition}: {self.reason}"
        effect = self.get_forced_disposition_display() or self.get_running_display()
        return f"{effect}: {self.reason}"

    def clean(self):
        if self.option_id is not None:
            refuse_if_fixed(self.option.question.questionnaire)
            other = self.only_with
            if other is not None and (
                other.question.questionnaire_id != self.option.question.questionnaire_id
                or other.question_id == self.option.question_id
            ):
                raise ValidationError(
                    {"only_with": _("Choose an answer to another question of this version.")}
                )
        for name, text in (
            ("condition", _("Publish this condition before a rule can point to it.")),
            ("red_flag", _("Publish this red flag before a rule can point to it.")),
            ("risk_factor", _("Publish this running factor before a rule can point to it.")),
        ):
            target = getattr(self, name) if getattr(self, f"{name}_id") else None
            if target is not None and not (
                target.status == Status.PUBLISHED and target.draft_of_id is None
            ):
                raise ValidationError({name: text})

    def natural_key(self):
        return (
            *self.option.natural_key(),
            self.condition.slug if self.condition_id else "",
            self.forced_disposition,
            self.running,
            *(self.only_with.natural_key()[1:] if self.only_with_id and self.condition_id else ()),
        )

    natural_key.dependencies = ["triage.option", "conditions.condition"]


class TestCaseManager(models.Manager):
    def get_by_natural_key(self, version, name):
        return self.get(questionnaire__version=version, name=name)


class TriageTestCase(models.Model):
    """A clinician's worked example: answers and the result they must give."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="test_cases"
    )
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    answers = models.JSONField(
        default=dict,
        help_text=_(
            "Keyed by question code: an option code, a list of option codes for multiple "
            'choice, or a number, e.g. {"onset": "sudden", "worse": ["leaning-back"], "age": 45}.'
        ),
    )
    expected_disposition = models.CharField(
        _("expected urgency"), max_length=10, choices=Urgency.choices
    )
    alternative_disposition = models.CharField(
        _("another acceptable urgency"),
        max_length=10,
        choices=Urgency.choices,
        blank=True,
        help_text=_(
            "Another urgency that is also right for these answers, e.g. self-care or see soon."
        ),
    )
    expected_top_condition = models.ForeignKey(
        "conditions.Condition",
        limit_choices_to=LIVE_ROWS,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty when no condition should be shown."),
    )
    acceptable_top3 = models.ManyToManyField(
        "conditions.Condition",
        limit_choices_to=LIVE_ROWS,
        blank=True,
        related_name="+",
        verbose_name=_("acceptable top three"),
        help_text=_("If set, every condition in the top three must be one of these."),
    )

    objects = TestCaseManager()

    class Meta:
        ordering = ["questionnaire", "name"]
        verbose_name = _("clinician test case")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "name"], name="triage_unique_test_case_name"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """A case of a draft version, whose answers all fit that version."""
        if self.questionnaire_id is None:
            return
        refuse_if_fixed(self.questionnaire)
        problems = answer_problems(self.answers, build_rulebook(self.questionnaire))
        if problems:
            raise ValidationError(problems)

    def natural_key(self):
        return (self.questionnaire.version, self.name)

    natural_key.dependencies = ["triage.questionnaire", "conditions.condition"]


def new_token():
    return secrets.token_urlsafe(24)


class SubmissionQuerySet(models.QuerySet):
    """Results past their retention days, counted from when they were made or, for one with a
    runner's log, from the log's last use (``Submission.deleted_after``)."""

    def expired(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=retention_days())
        return self.filter(created__lt=cutoff).exclude(running_log__last_active__gte=cutoff)

    def current(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=retention_days())
        return self.filter(Q(created__gte=cutoff) | Q(running_log__last_active__gte=cutoff))


class Submission(models.Model):
    """A finished questionnaire: no name, email, IP address or user agent, ever."""

    visitor_data = True  # a runner's own row, not content: not exported, clears no cache

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="submissions"
    )
    walk = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "One go through the questionnaire with the same final answers gives one result, "
            "however often it is sent; other answers give a result of their own."
        ),
    )
    answers = models.JSONField(default=dict)
    result = models.JSONField(default=dict, help_text=_("The result as shown, kept as it was."))
    disposition = models.CharField(max_length=10, choices=Urgency.choices)
    consent_to_keep = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.get_disposition_display()}"

    def get_absolute_url(self):
        return reverse("triage:result", kwargs={"token": self.token})

    @property
    def deleted_after(self):
        """The retention days after it was made, or after its runner's log was last used
        (a programme runs for weeks and asks its last questions at 6)."""
        log = getattr(self, "running_log", None)  # read with it: see stored_result
        kept_from = max(self.created, log.last_active) if log else self.created
        return kept_from + timedelta(days=retention_days())

    def is_expired(self, now=None):
        """Past its retention days, as ``SubmissionQuerySet.expired`` counts them."""
        return (now or timezone.now()) > self.deleted_after


GONE_NOTICE_DAYS = 365


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class DeletedResult(models.Model):
    """That a result once lived at an address, kept as a hash of its token after the result is
    deleted, so the address answers "410 Gone, deleted after N days" instead of "not found".
    The hash cannot be turned back into an address, and nothing else is kept; the notice itself
    is deleted ``GONE_NOTICE_DAYS`` later by ``purge_submissions``."""

    visitor_data = True  # about a runner's deleted result, not content: never exported

    token_digest = models.CharField(max_length=64, primary_key=True)
    deleted = models.DateField(default=timezone.localdate, db_index=True)

    def __str__(self):
        return f"deleted {self.deleted:%Y-%m-%d}"

    @classmethod
    def note(cls, tokens):
        cls.objects.bulk_create(
            [cls(token_digest=token_digest(token)) for token in tokens], ignore_conflicts=True
        )

    @classmethod
    def was_deleted(cls, token):
        return cls.objects.filter(token_digest=token_digest(token)).exists()

    @classmethod
    def expired(cls, today=None):
        cutoff = (today or timezone.localdate()) - timedelta(days=GONE_NOTICE_DAYS)
        return cls.objects.filter(deleted__lt=cutoff)


class QuestionReach(models.Model):
    """How many runs answered a question on a day, counted only for people who agreed to keep
    their result: the drop-off in the insights. Counts only, nothing about anyone."""

    visitor_data = True  # counts of runners' answers, not content: never exported

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    question_code = models.SlugField(max_length=50)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["questionnaire", "day", "question_code"]
        verbose_name = _("question reach")
        verbose_name_plural = _("question reach")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "question_code", "day"],
                name="triage_one_reach_count_per_question_and_day",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.question_code}: {self.count}"


# A version as the plain data the scoring engine reads (kept in memory by
# ``triage.questionnaire.rulebooks``).


def asking_order(question):
    """Red-flag questions first, emergency before urgent, whatever their order numbers."""
    return (scoring.SECTIONS.index(question.section), question.order, question.pk)


def asking_order_by(prefix=""):
    """``asking_order`` for ``order_by``: ``prefix`` is the path to the question, such as
    ``"question__"`` for options."""
    section = models.Case(
        *(
            models.When(**{f"{prefix}section": name}, then=rank)
            for rank, name in enumerate(scoring.SECTIONS)
        ),
        output_field=models.IntegerField(),
    )
    return [section, f"{prefix}order", f"{prefix}pk"]


def build_rulebook(questionnaire):
    """Read one version's questions, options and rules (three queries) into a RuleBook."""
    rules = Rule.objects.select_related(
        "condition", "red_flag", "risk_factor", "only_with__question"
    )
    options = Option.objects.prefetch_related(Prefetch("rules", queryset=rules))
    questions = questionnaire.questions.select_related("show_if_option__question").prefetch_related(
        Prefetch("options", queryset=options)
    )
    asks = []
    for question in sorted(questions, key=asking_order):
        show_if = question.show_if_option
        asks.append(
            scoring.Ask(
                code=question.code,
                kind=question.kind,
                section=question.section,
                low=question.min_value,
                high=question.max_value,
                show_if=(show_if.question.code, show_if.code) if show_if else None,
                choices=tuple(
                    scoring.Choice(
                        code=option.code,
                        exclusive=option.exclusive,
                        low=option.min_value,
                        high=option.max_value,
                        phase=option.phase,
                        leg=option.leg_symptoms,
                        trait=option.trait,
                        effects=tuple(
                            effect(rule) for rule in option.rules.all() if runners_see(rule)
                        ),
                    )
                    for option in question.options.all()
                ),
            )
        )
    return scoring.RuleBook(
        version=questionnaire.version, threshold=questionnaire.threshold, questions=tuple(asks)
    )


def runners_see(rule):
    """A weight toward a condition that is not published counts for nothing, in results and
    in test cases alike: runners never see that condition."""
    return rule.condition is None or rule.condition.is_published


def effect(rule):
    return scoring.Effect(
        reason=rule.reason,
        condition=rule.condition.slug if rule.condition else "",
        weight=rule.weight,
        disposition=rule.forced_disposition,
        red_flag=rule.red_flag.slug if rule.red_flag else "",
        running=rule.running,
        risk_factor=rule.risk_factor.slug if rule.risk_factor else "",
        only_with=((rule.only_with.question.code, rule.only_with.code) if rule.only_with else None),
        rules_out=rule.rules_out,
    )
