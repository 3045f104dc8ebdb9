"""Return-to-run programmes (clinical content, published through ``editorial``) and the
runners' logs kept behind a questionnaire result's private link (no account, no personal data).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conditions import vocabulary
from conditions.models import Condition, Content
from editorial.models import LIVE_ROWS
from running import progression
from triage.engine import scoring

PAIN_LIMITS = [MinValueValidator(0), MaxValueValidator(10)]


def pain_field(verbose_name, help_text, **kwargs):
    return models.PositiveSmallIntegerField(
        verbose_name, validators=PAIN_LIMITS, help_text=help_text, **kwargs
    )


def pain_in_range(field):
    return Q(**{f"{field}__lte": 10}) | Q(**{f"{field}__isnull": True})


class RunningVerdict(models.TextChoices):
    """The questionnaire result's running verdict a programme is for (triage.engine.scoring)."""

    STOP = scoring.STOP, _("Stop running for now")
    MODIFY = scoring.MODIFY, _("Change how you run")
    CONTINUE = scoring.CONTINUE, _("Keep running")


class FlareRule(models.TextChoices):
    STEP_BACK = progression.FLARE_STEP_BACK, _("Step back one stage")
    STOP = progression.FLARE_STOP, _("Stop and see a clinician")


class Programme(Content):
    """A return-to-run programme: ordered stages, the pain that stops it, what a flare does."""

    name = models.CharField(max_length=200)
    slug = models.SlugField()
    summary = models.CharField(max_length=300, help_text=_("One sentence for lists."))
    introduction = models.TextField(
        help_text=_("Who it is for and how the pain checks work, in plain words (Markdown).")
    )
    for_running = models.CharField(
        _("for the running verdict"),
        max_length=10,
        choices=RunningVerdict.choices,
        blank=True,
        help_text=_("The questionnaire results it is offered to; blank for any."),
    )
    condition = models.ForeignKey(
        Condition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to=LIVE_ROWS,
        related_name="+",
        help_text=_("Offered first when this is the result's closest match; blank for any."),
    )
    stop_pain = pain_field(
        _("stop at pain"),
        _("Pain at or above this (0–10), at any check, stops the programme: see a clinician."),
        default=7,
    )
    on_flare = models.CharField(
        _("on a flare"),
        max_length=10,
        choices=FlareRule.choices,
        default=FlareRule.STEP_BACK,
        help_text=_("What happens when pain goes over a stage's limits."),
    )
    sessions_per_week = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_("How often to do a session, for the runner's calendar."),
    )

    class Meta(Content.Meta):
        ordering = ["name"]
        permissions = [("publish_programme", _("Can publish, unpublish and mark reviewed"))]
        constraints = [
            *Content.Meta.constraints,
            models.CheckConstraint(condition=Q(stop_pain__lte=10), name="programme_stop_pain"),
        ]

    def __str__(self):
        return self.name

    @property
    def stops_on_flare(self):
        return self.on_flare == FlareRule.STOP

    def rules(self, stages=None):
        """The programme as the engine reads it."""
        stages = self.stages.all() if stages is None else stages
        return progression.Rules(
            stages=tuple(stage.as_rule() for stage in stages),
            stop_pain=self.stop_pain,
            on_flare=self.on_flare,
        )


class StageManager(models.Manager):
    def get_by_natural_key(self, programme_slug, number):
        return self.get(
            programme__slug=programme_slug, programme__draft_of__isnull=True, number=number
        )


class Stage(models.Model):
    """One rung of a programme: the session to do, and when the runner may move on."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100, help_text=_("e.g. 'Walk–run intervals'."))
    session = models.CharField(
        max_length=300,
        help_text=_("What one session is, e.g. 'Walk 1 minute, run 1 minute, 10 times'."),
    )
    minutes = models.PositiveSmallIntegerField(
        default=30, help_text=_("How long a session takes, for the runner's calendar.")
    )
    sessions_to_move_on = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Good sessions in this stage (each with its next-morning check) to move on."),
    )
    max_pain_during = pain_field(_("most pain during"), _("0–10, during the session."), default=3)
    max_pain_after = pain_field(_("most pain after"), _("0–10, just after the session."), default=3)
    max_pain_next_morning = pain_field(
        _("most pain next morning"), _("0–10, on waking the next morning."), default=2
    )

    objects = StageManager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_programme_stage"),
            models.CheckConstraint(
                condition=Q(max_pain_during__lte=10)
                & Q(max_pain_after__lte=10)
                & Q(max_pain_next_morning__lte=10),
                name="stage_pain_limits_0_to_10",
            ),
        ]

    def __str__(self):
        return f"{self.programme} stage {self.number}: {self.name}"

    def natural_key(self):
        return (self.programme.slug, self.number)

    natural_key.dependencies = ["running.programme"]

    def as_rule(self):
        return progression.Stage(
            name=self.name,
            sessions_to_move_on=self.sessions_to_move_on,
            max_pain_during=self.max_pain_during,
            max_pain_after=self.max_pain_after,
            max_pain_next_morning=self.max_pain_next_morning,
        )


class ProgrammeTestCaseManager(models.Manager):
    def get_by_natural_key(self, programme_slug, name):
        return self.get(programme__slug=programme_slug, programme__draft_of__isnull=True, name=name)


class ProgrammeTestCase(models.Model):
    """A simulated runner: logged sessions and the decision a clinician expects after each.
    A programme whose cases fail cannot be published (``running.cases``)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="test_cases")
    name = models.CharField(max_length=200)
    steps = models.TextField(
        help_text=_(
            "One session a line: pain during, pain after, next-morning pain (or '-' if not yet "
            "checked), 'leg' if pain, numbness or tingling in a leg started, got worse or "
            "spread further down, an optional red flag ('emergency' or 'urgent'), "
            "then the expected decision (repeat, move on, step back or stop), e.g. "
            "'2 3 1 repeat' or '1 1 1 leg stop'."
        )
    )

    objects = ProgrammeTestCaseManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme test case")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_programme_case")
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.programme.slug, self.name)

    natural_key.dependencies = ["running.programme"]


class RunnerLog(models.Model):
    """One runner's log of a programme, behind their result's private link; deleted with it."""

    visitor_data = True  # a runner's own row, not content: saving it clears no cache

    submission = models.OneToOneField(
        "triage.Submission", on_delete=models.CASCADE, related_name="running_log"
    )
    programme = models.ForeignKey(
        Programme, null=True, on_delete=models.SET_NULL, related_name="logs"
    )
    programme_name = models.CharField(
        max_length=200, help_text=_("Kept so the runner sees what they followed if it goes.")
    )
    consent_to_outcomes = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)
    # The last save of a session, check or outcome: the result and its log are kept for the
    # retention days from then (triage.models.Submission.deleted_after), so a log in use
    # reaches its 6-week questions.
    last_active = models.DateTimeField(default=timezone.now, editable=False)
    sessions_logged = models.PositiveIntegerField(default=0, editable=False)
    # Where the sessions before the latest one left the runner ("stage", "good", "stopped"):
    # see logbook.settled_standing.
    standing = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("runner's log")

    def __str__(self):
        return f"{self.programme_name} from {self.created:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("running:log", kwargs={"token": self.submission.token})


class LoggedSession(models.Model):
    """One session as the runner logged it, and its next-morning check once done."""

    visitor_data = True  # a runner's own row, not content: saving it clears no cache

    class RedFlag(models.TextChoices):
        NONE = "", _("None")
        EMERGENCY = vocabulary.EMERGENCY, _("Emergency")
        URGENT = vocabulary.URGENT, _("Urgent")

    log = models.ForeignKey(RunnerLog, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    day = models.DateField(default=timezone.localdate)
    stage = models.PositiveSmallIntegerField(help_text=_("The stage the runner was on."))
    # Not asked (None) when a warning sign ended the questions before them.
    pain_during = pain_field(_("pain during"), "", null=True, blank=True)
    pain_after = pain_field(_("pain after"), "", null=True, blank=True)
    next_morning = pain_field(_("pain next morning"), "", null=True, blank=True)
    red_flag = models.CharField(max_length=10, choices=RedFlag.choices, blank=True)
    morning_red_flag = models.CharField(max_length=10, choices=RedFlag.choices, blank=True)
    # Which warning sign, in the words the runner chose it in (kept as it was, as a result is),
    # for the clinician who sees them ("" for none, and for sessions saved before it was kept).
    red_flag_sign = models.TextField(_("warning sign reported at the session"), blank=True)
    morning_red_flag_sign = models.TextField(
        _("warning sign reported the next morning"), blank=True
    )
    # Pain, numbness or tingling in a leg started, got worse or spread further down: asked at
    # the session and again at the next-morning check (running.forms.LEG).
    leg_worse = models.BooleanField(_("leg symptoms worse after the session"), default=False)
    morning_leg_worse = models.BooleanField(_("leg symptoms worse by the morning"), default=False)
    # The decision the runner was given after it, with the rules then live, given again at its
    # next-morning check ({} for sessions saved before decisions were kept): it stands when the
    # programme is revised later (logbook.state_of).
    decision = models.JSONField(default=dict, editable=False)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["log", "number"], name="unique_logged_session"),
            models.CheckConstraint(
                condition=pain_in_range("pain_during")
                & pain_in_range("pain_after")
                & pain_in_range("next_morning"),
                name="logged_pain_0_to_10",
            ),
        ]

    def __str__(self):
        return f"session {self.number}"

    @property
    def signs_reported(self):
        """The warning signs reported after this session and the next morning, as chosen."""
        return [sign for sign in (self.red_flag_sign, self.morning_red_flag_sign) if sign]

    @property
    def leg_got_worse(self):
        return self.leg_worse or self.morning_leg_worse

    @property
    def given(self):
        """The decision given after this session, or None when none was kept."""
        return progression.Decision(**self.decision) if self.decision else None

    def as_session(self):
        return progression.Session(
            pain_during=self.pain_during,
            pain_after=self.pain_after,
            next_morning=self.next_morning,
            red_flag=progression.more_urgent(self.red_flag, self.morning_red_flag),
            leg_worse=self.leg_got_worse,
        )


class Outcome(models.Model):
    """The two outcome questions at 2 and 6 weeks."""

    visitor_data = True  # a runner's own row, not content: saving it clears no cache

    class Week(models.IntegerChoices):
        TWO = 2, _("2 weeks")
        SIX = 6, _("6 weeks")

    log = models.ForeignKey(RunnerLog, on_delete=models.CASCADE, related_name="outcomes")
    week = models.PositiveSmallIntegerField(choices=Week.choices)
    hard_activities = pain_field(_("how hard running and everyday activities are"), "")
    worst_pain = pain_field(_("worst pain this week"), "")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(fields=["log", "week"], name="unique_outcome_week"),
            models.CheckConstraint(
                condition=Q(hard_activities__lte=10) & Q(worst_pain__lte=10),
                name="outcome_scores_0_to_10",
            ),
        ]

    def __str__(self):
        return f"week {self.week}"
