"""The runner's log: which programme a result is offered, starting a log, saving a session,
its next-morning check and the outcome questions. Each save refuses what does not fit (a
session logged twice, a check already done) with a message and stores nothing."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from editorial.models import is_live
from running import progression
from running.models import LoggedSession, Outcome, Programme, RunnerLog

OFFERED_TO = ("soon", "self_care")  # an emergency or urgent result waits for a doctor
OUTCOME_WEEKS = (2, 6)


class Refused(Exception):
    """Nothing was stored; the message says why, in the runner's words."""


def programme_for(result, programmes):
    """The live programme for a questionnaire result (``triage.scoring.Result``), or None:
    one for its closest match and running verdict first, then for the verdict, then for any."""
    if result.disposition not in OFFERED_TO:
        return None

    def rank(programme):
        verdict = programme.for_running in ("", result.running)
        condition_slug = programme.condition.slug if programme.condition_id else ""
        condition = condition_slug in ("", result.top_condition)
        if not (verdict and condition):
            return None
        return (not condition_slug, not programme.for_running, programme.name)

    ranked = [(rank(p), p) for p in programmes if rank(p) is not None]
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else None


def live_programmes():
    return Programme.objects.live().select_related("condition")


def start_log(submission, programme, *, consent):
    """The result's log, started once: starting again gives the same log."""
    log, _created = RunnerLog.objects.get_or_create(
        submission=submission,
        defaults={
            "programme": programme,
            "programme_name": programme.name,
            "consent_to_outcomes": consent,
        },
    )
    return log


def programme_changed(log):
    """True when the log's programme was taken off the site (or deleted) since it started."""
    return log.programme is None or not is_live(log.programme)


@dataclass(frozen=True)
class State:
    """Where a runner stands: the programme's rules, the sessions, every decision."""

    log: RunnerLog
    stages: tuple
    sessions: tuple
    progress: progression.Progress

    @property
    def stage(self):
        return self.stages[self.progress.stage - 1] if self.stages else None

    @property
    def next_number(self):
        return len(self.sessions) + 1

    @property
    def morning_due(self):
        """The last session, if its next-morning check is still to do."""
        last = self.sessions[-1] if self.sessions else None
        checked = last is None or last.next_morning is not None or last.morning_red_flag
        return None if checked else last

    @property
    def decision(self):
        return self.progress.decision


def state_of(log):
    stages = tuple(log.programme.stages.all()) if log.programme else ()
    sessions = tuple(log.sessions.all())
    if not stages:
        return State(log, stages, sessions, progression.Progress(decisions=()))
    rules = log.programme.rules(stages)
    found = progression.progress(rules=rules, sessions=[s.as_session() for s in sessions])
    return State(log, stages, sessions, found)


def refuse_if_closed(log, state):
    if programme_changed(log):
        raise Refused(_("This programme has changed, so no new sessions can be logged."))
    if state.progress.stopped:
        raise Refused(_("The programme has stopped: get help as the page says before running."))


def save_session(log, *, number, red_flag, pain_during, pain_after):
    """Log session ``number`` (the next one); the same session sent twice is refused."""
    with transaction.atomic():
        log = RunnerLog.objects.select_for_update().get(pk=log.pk)
        state = state_of(log)
        if number < state.next_number:
            raise Refused(
                _("You have already logged session %(n)s: nothing was changed.") % {"n": number}
            )
        if number != state.next_number:
            raise Refused(
                _("That session cannot be logged yet: log session %(n)s first.")
                % {"n": state.next_number}
            )
        refuse_if_closed(log, state)
        # The engine's own check: pain from 0 to 10, both asked unless a red flag ended it.
        progression.Session(pain_during=pain_during, pain_after=pain_after, red_flag=red_flag)
        try:
            with transaction.atomic():
                return LoggedSession.objects.create(
                    log=log,
                    number=number,
                    stage=state.progress.stage,
                    pain_during=pain_during,
                    pain_after=pain_after,
                    red_flag=red_flag,
                )
        except IntegrityError as error:
            raise Refused(
                _("You have already logged session %(n)s: nothing was changed.") % {"n": number}
            ) from error


def save_morning(log, *, number, red_flag, next_morning):
    """The next-morning check of session ``number``, once."""
    progression.check_pain(next_morning, "next_morning")
    if next_morning is None and not red_flag:
        raise Refused(_("Say how your back feels this morning: nothing was changed."))
    with transaction.atomic():
        session = LoggedSession.objects.select_for_update().filter(log=log, number=number).first()
        if session is None:
            raise Refused(_("There is no session %(n)s to check.") % {"n": number})
        if session.next_morning is not None or session.morning_red_flag:
            raise Refused(
                _("You have already checked the morning after session %(n)s: nothing was changed.")
                % {"n": number}
            )
        if programme_changed(log):
            raise Refused(_("This programme has changed, so no new checks can be logged."))
        session.next_morning = next_morning
        session.morning_red_flag = red_flag
        session.save(update_fields=["next_morning", "morning_red_flag"])
        return session


def outcome_due(log, now=None):
    """The first outcome week reached and not yet answered, or None."""
    days = ((now or timezone.now()) - log.created).days
    answered = set(log.outcomes.values_list("week", flat=True))
    return next((w for w in OUTCOME_WEEKS if days >= w * 7 and w not in answered), None)


def save_outcome(log, *, week, hard_activities, worst_pain, now=None):
    if week != outcome_due(log, now):
        raise Refused(_("Those questions are not due now: nothing was changed."))
    for value in (hard_activities, worst_pain):
        progression.check_pain(value, "score")
    try:
        with transaction.atomic():
            return Outcome.objects.create(
                log=log, week=week, hard_activities=hard_activities, worst_pain=worst_pain
            )
    except IntegrityError as error:
        raise Refused(_("You have already answered these: nothing was changed.")) from error


def calendar_days(state, *, today, days=14):
    """[(date, stage)] of the sessions planned in the next ``days`` days, spread evenly over
    each week by the programme's sessions a week, starting tomorrow."""
    if state.stage is None or state.progress.stopped:
        return []
    per_week = state.log.programme.sessions_per_week
    gap = timedelta(days=7 / per_week)
    start = timezone.datetime.combine(today + timedelta(days=1), timezone.datetime.min.time())
    found, moment = [], start
    while moment < start + timedelta(days=days):
        found.append(moment.date())
        moment += gap
    return [(day, state.stage) for day in found]
