"""Exercises: what they are for, how to do them, how much, and how to make them easier or harder."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conditions.models import Condition, ConditionLink, Content, Phase
from conditions.traits import Trait
from editorial.models import LIVE_ROWS, Picture


class Exercise(Content):
    class BodyArea(models.TextChoices):
        CORE = "core", _("Core and trunk")
        GLUTES = "glutes", _("Glutes and hips")
        LOWER_BACK = "lower-back", _("Lower back")
        LEGS = "legs", _("Legs")
        NERVES = "nerves", _("Nerves")

    class Equipment(models.TextChoices):
        NONE = "none", _("None")
        MAT = "mat", _("Exercise mat")
        STEP = "step", _("Step or stair")
        BENCH = "bench", _("Bench or sturdy chair")
        BALL = "ball", _("Massage or tennis ball")
        BAND = "band", _("Resistance band")
        TABLE = "table", _("Table or worktop")

    class Difficulty(models.TextChoices):
        EASY = "easy", _("Easy")
        MODERATE = "moderate", _("Moderate")
        HARD = "hard", _("Hard")

    name = models.CharField(max_length=200)
    slug = models.SlugField()
    summary = models.CharField(max_length=300, help_text=_("One sentence for lists."))
    purpose = models.TextField(help_text=_("What it does and why it helps (Markdown)."))
    body_area = models.CharField(max_length=12, choices=BodyArea.choices)
    equipment = models.CharField(max_length=8, choices=Equipment.choices, default=Equipment.NONE)
    difficulty = models.CharField(max_length=8, choices=Difficulty.choices)
    sets = models.PositiveSmallIntegerField(null=True, blank=True)
    reps = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Per set."))
    hold_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    per_side = models.BooleanField(default=False, help_text=_("Dose is for each side."))
    frequency = models.CharField(max_length=100, help_text=_("e.g. 'Once a day'."))
    easier = models.TextField(help_text=_("How to make it easier (Markdown)."))
    harder = models.TextField(help_text=_("How to make it harder (Markdown)."))
    cautions = models.TextField(help_text=_("Cautions and when to stop (Markdown)."))
    # Suitability: which plan phases the exercise belongs in; its rules (ExerciseRule) say whom
    # it waits for. Clinicians set both from the exercise's own cautions; triage.live.plans obeys them.
    for_early = models.BooleanField(
        _("suitable in the early days"),
        default=True,
        help_text=_("The first days, while the pain is new and sharp."),
    )
    for_settling = models.BooleanField(
        _("suitable while settling"), default=True, help_text=_("Once the worst has eased.")
    )
    for_strengthening = models.BooleanField(
        _("suitable when strengthening"),
        default=True,
        help_text=_("Building strength to get back to running and stay there."),
    )
    conditions = models.ManyToManyField(
        Condition, through="ConditionExercise", related_name="exercises"
    )

    # The phase each suitability field is for (the fields are named as the phases were before
    # they had one vocabulary).
    SUITABILITY = {
        Phase.EARLY: "for_early",
        Phase.RECOVERY: "for_settling",
        Phase.PREVENTION: "for_strengthening",
    }

    class Meta(Content.Meta):
        ordering = ["name"]
        permissions = [("publish_exercise", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    @property
    def needs_equipment(self):
        return self.equipment != self.Equipment.NONE

    @property
    def dose(self):
        """The dose in words, e.g. '3 sets of 10 reps, each side, once a day'."""
        if self.reps and self.hold_seconds and not self.sets:  # "3 x 30-second holds"
            text = ngettext(
                "%(n)d hold of %(s)d seconds", "%(n)d holds of %(s)d seconds", self.reps
            ) % {"n": self.reps, "s": self.hold_seconds}
        else:
            text = self.sets_reps_and_hold()
        if self.per_side:
            text += _(", each side")
        return f"{text}, {self.frequency.lower()}" if text else self.frequency

    def sets_reps_and_hold(self):
        """'2 sets of 10 reps, hold 5 seconds', or what of it is given ("" for none)."""
        parts = []
        if self.sets:
            parts.append(ngettext("%(n)d set", "%(n)d sets", self.sets) % {"n": self.sets})
        if self.reps:
            parts.append(ngettext("%(n)d rep", "%(n)d reps", self.reps) % {"n": self.reps})
        if self.hold_seconds:
            parts.append(_("hold %(n)d seconds") % {"n": self.hold_seconds})
        text = " of ".join(parts[:2]) if self.sets and self.reps else ", ".join(parts[:2])
        if self.sets and self.reps and self.hold_seconds:
            text += ", " + parts[2]
        return text

    def suited_phases(self):
        return frozenset(phase for phase, name in self.SUITABILITY.items() if getattr(self, name))


class ExerciseStepManager(models.Manager):
    def get_by_natural_key(self, exercise_slug, number):
        return self.get(
            exercise__slug=exercise_slug, exercise__draft_of__isnull=True, number=number
        )


class ExerciseStep(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    objects = ExerciseStepManager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "number"], name="unique_exercise_step")
        ]

    def __str__(self):
        return f"{self.exercise} step {self.number}"

    def natural_key(self):
        return (self.exercise.slug, self.number)

    natural_key.dependencies = ["exercises.exercise"]


class ExerciseRuleManager(models.Manager):
    def get_by_natural_key(self, exercise_slug, trait):
        return self.get(exercise__slug=exercise_slug, exercise__draft_of__isnull=True, trait=trait)


class ExerciseRule(models.Model):
    """One of the exercise's cautions as a rule the plan obeys: not "now" for people with
    this trait, and shown on the exercise's page."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="rules")
    trait = models.CharField(_("not while"), max_length=30, choices=Trait.choices)
    until = models.CharField(
        _("start once"),
        max_length=200,
        blank=True,
        help_text=_(
            "Finishes 'Start once …', e.g. 'you can lean back without pain'. Leave blank to "
            "leave the exercise out of the plan altogether for these people."
        ),
    )

    objects = ExerciseRuleManager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("who should wait")
        verbose_name_plural = _("who should wait")
        constraints = [
            models.UniqueConstraint(fields=["exercise", "trait"], name="unique_exercise_rule")
        ]

    def __str__(self):
        return f"{self.exercise}: not while {self.get_trait_display()}"

    def natural_key(self):
        return (self.exercise.slug, self.trait)

    natural_key.dependencies = ["exercises.exercise"]


class ConditionExercise(ConditionLink):
    """An exercise recommended for a condition: part of the exercise, edited and published
    with it."""

    target = "exercise"
    condition = models.ForeignKey(Condition, on_delete=models.PROTECT, limit_choices_to=LIVE_ROWS)
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE)
    phase = models.CharField(max_length=10, choices=Phase.choices)
    reason = models.CharField(
        max_length=200, help_text=_("One line on why it helps, e.g. 'opens out the facet joints'.")
    )
    first_line = models.BooleanField(
        _("first-line"),
        default=False,
        help_text=_(
            "Always in the plan when this condition is the most likely match, or the plan "
            "says what it waits for."
        ),
    )

    class Meta(ConditionLink.Meta):
        db_table = "conditions_conditionexercise"
        verbose_name = _("condition it helps")
        verbose_name_plural = _("conditions it helps")
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "exercise"], name="unique_condition_exercise"
            )
        ]

    def __str__(self):
        return f"{self.condition} ({self.get_phase_display().lower()}): {self.reason}"

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["conditions.condition", "exercises.exercise"]


class ExerciseImage(Picture):
    """A picture of the exercise (a position, usually the start and the end): part of the
    exercise, reviewed and published with it."""

    item = "exercise"
    folder = "exercises"
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="images")

    class Meta(Picture.Meta):
        verbose_name = _("exercise picture")

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["exercises.exercise"]
