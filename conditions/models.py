"""Condition content: conditions, red flags, running risk factors, guides, and the rows they
share (symptoms, treatments). The sources every kind of content cites live in editorial."""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conditions import vocabulary
from conditions.urgency import RED_FLAG_CHOICES
from editorial.models import (
    LIVE_ROWS,
    Cited,
    Drafted,
    Editorial,
    Picture,
    Publishable,
    Status,
    live_slug_constraint,
    shown_with,
)

__all__ = ["Status"]  # re-exported for the apps that build on conditions


class Phase(models.TextChoices):
    EARLY = vocabulary.EARLY, _("Early days (first one to two weeks)")
    RECOVERY = vocabulary.RECOVERY, _("Recovery")
    PREVENTION = vocabulary.PREVENTION, _("Prevention")


class Content(Editorial, Cited):
    """A public content item that cites its sources."""

    class Meta(Editorial.Meta):
        abstract = True
        constraints = [*Editorial.Meta.constraints, live_slug_constraint()]


class Symptom(Publishable, Drafted):
    name = models.CharField(max_length=200, help_text=_("As a runner would say it."))
    slug = models.SlugField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [live_slug_constraint()]
        permissions = [("publish_symptom", _("Can publish and unpublish"))]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Treatment(Publishable, Drafted):
    name = models.CharField(max_length=200)
    slug = models.SlugField()
    description = models.TextField(help_text=_("What to do and why, in plain words (Markdown)."))
    when_to_avoid = models.TextField(
        blank=True, help_text=_("When this treatment is not suitable (Markdown).")
    )

    class Meta:
        ordering = ["name"]
        constraints = [live_slug_constraint()]
        permissions = [("publish_treatment", _("Can publish and unpublish"))]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class RiskFactor(Content):
    """A running factor that makes back pain more likely, with advice on what to change."""

    name = models.CharField(max_length=200)
    slug = models.SlugField()
    summary = models.CharField(max_length=300, help_text=_("One sentence for lists."))
    description = models.TextField(help_text=_("Why it matters for the back (Markdown)."))
    advice = models.TextField(help_text=_("What a runner can change (Markdown)."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Content.Meta):
        ordering = ["order", "name"]
        verbose_name = _("running risk factor")
        permissions = [("publish_riskfactor", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:risk_factor", kwargs={"slug": self.slug})


TELL_THEM = re.compile(r"\btell (them|the call handler)\b", re.IGNORECASE)
DO_NOT_WAIT = re.compile(r"\bdo not wait\b", re.IGNORECASE)
RARE = re.compile(r"\brare\b", re.IGNORECASE)


class RedFlag(Content):
    """A sign that needs urgent medical attention, screened before anything else."""

    sign = models.CharField(max_length=300, help_text=_("The sign, as a person would notice it."))
    slug = models.SlugField()
    level = models.CharField(max_length=10, choices=RED_FLAG_CHOICES)
    what_to_do = models.TextField(help_text=_("What to do and why (Markdown)."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Content.Meta):
        ordering = ["level", "order"]
        verbose_name = _("red flag")
        permissions = [("publish_redflag", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return f"{self.get_level_display().split(':')[0]}: {self.sign}"

    @property
    def says_what_to_tell(self):
        """Whether its own words say what to tell the people answering the call (a "Tell
        them" list or "Tell the call handler…"). Only then does the emergency page leave out
        the site's general list: when unsure, both are shown."""
        return bool(TELL_THEM.search(self.what_to_do))

    @property
    def says_what_the_emergency_card_says(self):
        """Whether its own words say not to wait and that this is rare, as the emergency
        card does: only then does the card leave those lines out. When unsure, both show."""
        return bool(DO_NOT_WAIT.search(self.what_to_do) and RARE.search(self.what_to_do))


class Condition(Content):
    name = models.CharField(max_length=200)
    slug = models.SlugField()
    summary = models.CharField(
        max_length=400, help_text=_("One or two sentences for lists and search results.")
    )
    what_it_is = models.TextField(help_text=_("What the condition is (Markdown)."))
    why_runners_get_it = models.TextField(help_text=_("Typical causes in runners (Markdown)."))
    symptoms_text = models.TextField(help_text=_("How it usually feels (Markdown)."))
    treatment_text = models.TextField(help_text=_("How to treat it (Markdown)."))
    prevention_text = models.TextField(help_text=_("How to prevent it (Markdown)."))
    when_to_seek_help = models.TextField(help_text=_("When to see a professional (Markdown)."))
    assess_before_plan = models.BooleanField(
        _("assessment before a plan"),
        default=False,
        help_text=_(
            "When this is the most likely match, the result asks the person to be checked by a "
            "GP or physiotherapist first and lists every exercise under 'later'."
        ),
    )
    symptoms = models.ManyToManyField(
        Symptom, through="ConditionSymptom", related_name="conditions"
    )
    treatments = models.ManyToManyField(
        Treatment, through="ConditionTreatment", related_name="conditions"
    )
    risk_factors = models.ManyToManyField(
        RiskFactor, blank=True, related_name="conditions", limit_choices_to=LIVE_ROWS
    )
    # One way: each item's own list, changed only by its own review. (Two-way links let a
    # draft's links write themselves onto the other items, live and locked drafts included.)
    related_conditions = models.ManyToManyField(
        "self", blank=True, symmetrical=False, limit_choices_to=LIVE_ROWS
    )

    class Meta(Content.Meta):
        ordering = ["name"]
        permissions = [("publish_condition", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:detail", kwargs={"slug": self.slug})

    @property
    def shown_symptom_links(self):
        """Its links to symptoms that its public page shows: live symptoms only."""
        return shown_with(self, self.conditionsymptom_set.all(), via="symptom")

    @property
    def shown_treatment_links(self):
        """Its links to treatments that its public page shows: live treatments only."""
        return shown_with(self, self.conditiontreatment_set.all(), via="treatment")


class LinkManager(models.Manager):
    """Finds a link row by the slugs of the condition and of the thing it links to."""

    def get_by_natural_key(self, condition_slug, target_slug):
        target = self.model.target
        return self.get(
            condition__slug=condition_slug,
            condition__draft_of__isnull=True,
            **{f"{target}__slug": target_slug, f"{target}__draft_of__isnull": True},
        )


class ConditionLink(models.Model):
    """A condition linked to a symptom, treatment or exercise shown with it, in order.

    Subclasses declare the ``condition`` field, the ``target`` field it links to (named by
    ``target``) and a unique constraint on the pair.
    """

    target = None
    order = models.PositiveSmallIntegerField(default=0)

    objects = LinkManager()

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def natural_key(self):
        return (self.condition.slug, getattr(self, self.target).slug)


class ConditionSymptom(ConditionLink):
    class Typicality(models.TextChoices):
        COMMON = "common", _("Common")
        SOMETIMES = "sometimes", _("Sometimes")
        RARE = "rare", _("Rare")

    target = "symptom"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE)
    symptom = models.ForeignKey(Symptom, on_delete=models.PROTECT, limit_choices_to=LIVE_ROWS)
    typicality = models.CharField(
        max_length=10, choices=Typicality.choices, default=Typicality.COMMON
    )

    class Meta(ConditionLink.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "symptom"], name="unique_condition_symptom"
            )
        ]

    def __str__(self):
        return f"{self.symptom} ({self.get_typicality_display().lower()})"

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["conditions.condition", "conditions.symptom"]


class ConditionTreatment(ConditionLink):
    target = "treatment"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE)
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, limit_choices_to=LIVE_ROWS)
    phase = models.CharField(max_length=10, choices=Phase.choices)

    class Meta(ConditionLink.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "treatment"], name="unique_condition_treatment"
            )
        ]

    def __str__(self):
        return f"{self.treatment} ({self.get_phase_display().lower()})"

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["conditions.condition", "conditions.treatment"]


class ConditionImage(Picture):
    """A picture of the condition (a labelled diagram): part of the condition, reviewed and
    published with it."""

    item = "condition"
    folder = "conditions"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="images")

    class Meta(Picture.Meta):
        verbose_name = _("condition picture")

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["conditions.condition"]


class Guide(Content):
    """An editorial page that is neither a condition nor an exercise."""

    title = models.CharField(max_length=200)
    slug = models.SlugField()
    summary = models.CharField(max_length=400)
    body = models.TextField(help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Content.Meta):
        ordering = ["order", "title"]
        permissions = [("publish_guide", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conditions:guide", kwargs={"slug": self.slug})


class GuideQuestionManager(models.Manager):
    def get_by_natural_key(self, guide_slug, order):
        return self.get(guide__slug=guide_slug, guide__draft_of__isnull=True, order=order)


class GuideQuestion(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField()

    objects = GuideQuestionManager()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "order"], name="unique_guide_question_order")
        ]

    def __str__(self):
        return self.question

    def natural_key(self):
        return (self.guide.slug, self.order)

    natural_key.dependencies = ["conditions.guide"]
