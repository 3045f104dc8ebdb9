"""Exercises: what they are for, how to do them, how much, and how to make them easier or harder."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from conditions.models import Editorial


class Exercise(Editorial):
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
    slug = models.SlugField(unique=True)
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
    image = models.ImageField(upload_to="exercises/", blank=True)
    image_alt = models.CharField(
        max_length=300, blank=True, help_text=_("Describe the image for people who cannot see it.")
    )

    class Meta(Editorial.Meta):
        ordering = ["name"]
        permissions = [("publish_exercise", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    @property
    def dose(self):
        """The dose in words, e.g. '3 sets of 10 reps, each side, once a day'."""
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
        if self.per_side:
            text += _(", each side")
        return f"{text}, {self.frequency.lower()}" if text else self.frequency

    @property
    def has_dose(self):
        return bool(self.sets or self.reps or self.hold_seconds)


class ExerciseStepManager(models.Manager):
    def get_by_natural_key(self, exercise_slug, number):
        return self.get(exercise__slug=exercise_slug, number=number)


class ExerciseStep(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

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
