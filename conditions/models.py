"""The content core: conditions and everything content shares (editorial base, sources)."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Phase(models.TextChoices):
    EARLY = "early", _("Early days (first one to two weeks)")
    RECOVERY = "recovery", _("Recovery")
    PREVENTION = "prevention", _("Prevention")


class SlugManager(models.Manager):
    """Finds rows by slug, the natural key that fixtures use."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class EditorialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def review_due_by(self, day):
        return self.filter(next_review_due__lte=day)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SourceManager(models.Manager):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Source(models.Model):
    """An article that content draws its facts from, cited on every page that uses it."""

    key = models.SlugField(unique=True, help_text=_("Short unique label, e.g. 'bergin-2024'."))
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, help_text=_("Name and role of the author."))
    publisher = models.CharField(max_length=200)
    url = models.URLField(blank=True, max_length=500)
    accessed = models.DateField(help_text=_("The date the article was read for this site."))
    history = HistoricalRecords()

    objects = SourceManager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.publisher})"

    def natural_key(self):
        return (self.key,)


class Editorial(models.Model):
    """What every public content type shares: publication status, review cycle, sources."""

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Only published items are shown to the public."),
    )
    last_reviewed = models.DateField(
        default=timezone.localdate, help_text=_("When a clinician last checked this content.")
    )
    next_review_due = models.DateField(help_text=_("Must be after the last review date."))
    reviewed_by = models.CharField(
        max_length=200,
        help_text=_("Name and role of the reviewer, e.g. 'Chartered physiotherapist'."),
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="+", help_text=_("The articles this content draws on.")
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True)

    objects = EditorialQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=F("last_reviewed")),
                name="%(app_label)s_%(class)s_next_review_after_last",
                violation_error_message=_("The next review must be after the last review."),
            )
        ]

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def natural_key(self):
        return (self.slug,)


class Symptom(models.Model):
    name = models.CharField(max_length=200, help_text=_("As a runner would say it."))
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Treatment(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(help_text=_("What to do and why, in plain words (Markdown)."))
    when_to_avoid = models.TextField(
        blank=True, help_text=_("When this treatment is not suitable (Markdown).")
    )
    history = HistoricalRecords()

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class RiskFactor(Editorial):
    """A running factor that makes back pain more likely, with advice on what to change."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.CharField(max_length=300, help_text=_("One sentence for lists."))
    description = models.TextField(help_text=_("Why it matters for the back (Markdown)."))
    advice = models.TextField(help_text=_("What a runner can change (Markdown)."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Editorial.Meta):
        ordering = ["order", "name"]
        verbose_name = _("running risk factor")
        permissions = [("publish_riskfactor", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:risk_factor", kwargs={"slug": self.slug})


class RedFlag(Editorial):
    """A sign that needs urgent medical attention, screened before anything else."""

    class Level(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency: call 999 or go to A&E now")
        URGENT = "urgent", _("Urgent: same-day GP appointment or NHS 111")

    sign = models.CharField(max_length=300, help_text=_("The sign, as a person would notice it."))
    slug = models.SlugField(unique=True)
    level = models.CharField(max_length=10, choices=Level.choices)
    what_to_do = models.TextField(help_text=_("What to do and why (Markdown)."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Editorial.Meta):
        ordering = ["level", "order"]
        verbose_name = _("red flag")
        permissions = [("publish_redflag", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return f"{self.get_level_display().split(':')[0]}: {self.sign}"


class Condition(Editorial):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.CharField(
        max_length=400, help_text=_("One or two sentences for lists and search results.")
    )
    what_it_is = models.TextField(help_text=_("What the condition is (Markdown)."))
    why_runners_get_it = models.TextField(help_text=_("Typical causes in runners (Markdown)."))
    symptoms_text = models.TextField(help_text=_("How it usually feels (Markdown)."))
    treatment_text = models.TextField(help_text=_("How to treat it (Markdown)."))
    prevention_text = models.TextField(help_text=_("How to prevent it (Markdown)."))
    when_to_seek_help = models.TextField(help_text=_("When to see a professional (Markdown)."))
    symptoms = models.ManyToManyField(
        Symptom, through="ConditionSymptom", related_name="conditions"
    )
    treatments = models.ManyToManyField(
        Treatment, through="ConditionTreatment", related_name="conditions"
    )
    exercises = models.ManyToManyField(
        "exercises.Exercise", through="ConditionExercise", related_name="conditions"
    )
    risk_factors = models.ManyToManyField(RiskFactor, blank=True, related_name="conditions")
    related_conditions = models.ManyToManyField("self", blank=True)

    class Meta(Editorial.Meta):
        ordering = ["name"]
        permissions = [("publish_condition", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:detail", kwargs={"slug": self.slug})


class LinkManager(models.Manager):
    """Finds a link row by the slugs of the condition and of the thing it links to."""

    target = None

    def get_by_natural_key(self, condition_slug, target_slug):
        return self.get(condition__slug=condition_slug, **{f"{self.target}__slug": target_slug})


class SymptomLinkManager(LinkManager):
    target = "symptom"


class TreatmentLinkManager(LinkManager):
    target = "treatment"


class ExerciseLinkManager(LinkManager):
    target = "exercise"


class ConditionSymptom(models.Model):
    class Typicality(models.TextChoices):
        COMMON = "common", _("Common")
        SOMETIMES = "sometimes", _("Sometimes")
        RARE = "rare", _("Rare")

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE)
    symptom = models.ForeignKey(Symptom, on_delete=models.CASCADE)
    typicality = models.CharField(
        max_length=10, choices=Typicality.choices, default=Typicality.COMMON
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = SymptomLinkManager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "symptom"], name="unique_condition_symptom"
            )
        ]

    def __str__(self):
        return f"{self.condition}: {self.symptom} ({self.typicality})"

    def natural_key(self):
        return (self.condition.slug, self.symptom.slug)

    natural_key.dependencies = ["conditions.condition", "conditions.symptom"]


class ConditionTreatment(models.Model):
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE)
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE)
    phase = models.CharField(max_length=10, choices=Phase.choices)
    order = models.PositiveSmallIntegerField(default=0)

    objects = TreatmentLinkManager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "treatment"], name="unique_condition_treatment"
            )
        ]

    def __str__(self):
        return f"{self.condition}: {self.treatment} ({self.phase})"

    def natural_key(self):
        return (self.condition.slug, self.treatment.slug)

    natural_key.dependencies = ["conditions.condition", "conditions.treatment"]


class ConditionExercise(models.Model):
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE)
    exercise = models.ForeignKey("exercises.Exercise", on_delete=models.CASCADE)
    phase = models.CharField(max_length=10, choices=Phase.choices)
    reason = models.CharField(
        max_length=200, help_text=_("One line on why it helps, e.g. 'opens out the facet joints'.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = ExerciseLinkManager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "exercise"], name="unique_condition_exercise"
            )
        ]

    def __str__(self):
        return f"{self.condition}: {self.exercise} ({self.phase})"

    def natural_key(self):
        return (self.condition.slug, self.exercise.slug)

    natural_key.dependencies = ["conditions.condition", "exercises.exercise"]


class Guide(Editorial):
    """An editorial page that is neither a condition nor an exercise."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.CharField(max_length=400)
    body = models.TextField(help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Editorial.Meta):
        ordering = ["order", "title"]
        permissions = [("publish_guide", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conditions:guide", kwargs={"slug": self.slug})


class GuideQuestionManager(models.Manager):
    def get_by_natural_key(self, guide_slug, order):
        return self.get(guide__slug=guide_slug, order=order)


class GuideQuestion(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

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
