"""What the insights page shows of the runners' logs: only logs whose runner agreed, and only
counts, with a count from 1 to 4 shown as "fewer than 5" (``triage.insights.report.SMALL``).

Pure functions on plain rows (``LogRow``); ``gather`` reads them in two queries."""

from dataclasses import dataclass
from statistics import median

from django.utils.translation import gettext as _

from running import progression
from running.logbook import state_of
from running.models import RunnerLog
from triage.insights.report import SMALL, Bar, Chart, day_bounds, shown_count
from triage.models import Submission


@dataclass(frozen=True)
class LogRow:
    """One consented log: the actions decided after its sessions, its outcome answers by week."""

    actions: tuple
    outcomes: dict  # {week: (hard_activities, worst_pain)}


def counts_by_outcome(rows):
    """How many logs moved on at least once, stepped back at least once, or stopped."""
    return (
        Bar(_("Started the programme"), len(rows)),
        Bar(_("Moved on at least once"), sum(progression.MOVE_ON in r.actions for r in rows), len(rows)),
        Bar(_("Stepped back at least once"), sum(progression.STEP_BACK in r.actions for r in rows), len(rows)),
        Bar(_("Stopped to get help"), sum(progression.STOP in r.actions for r in rows), len(rows)),
    )  # fmt: skip


@dataclass(frozen=True)
class Change:
    label: str
    count: int  # logs with both answers
    median: float | None  # shown only for SMALL logs or more

    @property
    def shown(self):
        if self.median is None:
            return _("not shown: %(count)s logs answered both") % {"count": shown_count(self.count)}
        return f"{self.median:+g}"


def median_changes(rows, *, first=2, last=6):
    """The median change from week ``first`` to week ``last`` in each outcome score."""
    both = [r.outcomes for r in rows if first in r.outcomes and last in r.outcomes]
    changes = []
    for index, label in enumerate(
        (_("How hard running and everyday things are (0–10)"), _("Worst pain in the week (0–10)"))
    ):
        values = [o[last][index] - o[first][index] for o in both]
        shown = median(values) if len(values) >= SMALL else None
        changes.append(Change(label=label, count=len(values), median=shown))
    return tuple(changes)


@dataclass(frozen=True)
class RunningInsights:
    total: int
    outcomes: Chart
    changes: tuple


def log_rows(*, start, end):
    """The consented logs started in the period whose results are still kept."""
    since, until = day_bounds(start, end)
    logs = (
        RunnerLog.objects.filter(
            consent_to_outcomes=True,
            created__gte=since,
            created__lt=until,
            submission__in=Submission.objects.current(),
        )
        .select_related("programme")
        .prefetch_related("sessions", "outcomes", "programme__stages")
    )
    rows = []
    for log in logs:
        decisions = state_of(log).progress.decisions
        rows.append(
            LogRow(
                actions=tuple(d.action for d in decisions),
                outcomes={o.week: (o.hard_activities, o.worst_pain) for o in log.outcomes.all()},
            )
        )
    return rows


def gather(*, start, end):
    rows = log_rows(start=start, end=end)
    return RunningInsights(
        total=len(rows),
        outcomes=Chart(
            "running",
            _("Return to running: how the programmes went"),
            counts_by_outcome(rows),
            _("Only logs whose runners agreed to be counted."),
        ),
        changes=median_changes(rows),
    )
