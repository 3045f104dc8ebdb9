"""The runner's log: which programme a result is offered, starting a log, saving a session,
its next-morning check and the outcome questions. Each save refuses what does not fit (a
session logged twice, a check already done) with a message and stores nothing."""

import functools
from dataclasses import asdict, dataclass
from datetime import timedelta
from functools import lru_cache

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from conditions.vocabulary import SELF_CARE, SOON
from core.caching import forget_result_page, version_seen
from editorial.models import is_live
from running import progression
from running.models import LoggedSession, Outcome, Programme, RunnerLog

OFFERED_TO = (SOON, SELF_CARE)  # an emergency or urgent result waits for a doctor
OUTCOME_WEEKS = (2, 6)


class Refused(Exception):
    """Nothing was stored; the message says why, in the runner's words."""


class AlreadyDone(Refused):
    """The session or check was given before: ``kept`` says so without a warning, for a
    runner who comes back to its pages (the browser's Back button after saving, say);
    ``elsewhere`` for one who was answering it when another device or tab saved it."""

    def __init__(self, message, kept, elsewhere):
        super().__init__(message)
        self.kept = kept
        self.elsewhere = elsewhere


def session_saved(number):
    return _("Session %(n)s is saved in your log.") % {"n": number}


def morning_saved(number):
    return _("Your check of the morning after session %(n)s is saved in your log.") % {"n": number}


def programme_for(result, programmes):
    """The live programme for a questionnaire result (``triage.engine.scoring.Result``), or None:
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
    """The result's log, started once: starting again gives the same log. The result's kept
    page offered to start it, so it is forgotten (it now opens the log)."""
    log, created = RunnerLog.objects.get_or_create(
        submission=submission,
        defaults={
            "programme": programme,
            "programme_name": programme.name,
            "consent_to_outcomes": consent,
        },
    )
    if created:
        result_page_outdated(log)
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

    def stage_numbered(self, number):
        """Stage ``number``, or the last stage when a revision left the programme fewer."""
        return (
            self.stages[progression.stage_within(number, self.stages) - 1] if self.stages else None
        )

    @property
    def stage(self):
        return self.stage_numbered(self.progress.stage)

    @property
    def current_stage(self):
        """The stage the runner is on, or None once the programme has stopped."""
        return None if self.progress.stopped else self.stage

    @property
    def morning_still_due(self):
        """The session whose next-morning check can still be given, if any: not once the
        programme has stopped, nor for a session the runner has logged another after."""
        return None if self.progress.stopped else self.morning_due

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
    def morning_opens(self):
        """The day the due next-morning check opens, while that is still to come."""
        due = self.morning_due
        return morning_after(due) if due and timezone.localdate() < morning_after(due) else None

    @property
    def decision(self):
        return self.progress.decision


def rules_of(programme):
    """The programme's rules for the engine (None without a programme or stages), read once
    per content version in each process (``core.caching``), as a result's published
    content is."""
    if programme is None:
        return None
    version = version_seen()
    return read_rules(programme.pk) if version is None else _rules_at(version, programme.pk)


def read_rules(programme_pk):
    programme = Programme.objects.prefetch_related("stages").get(pk=programme_pk)
    stages = tuple(programme.stages.all())
    return programme.rules(stages) if stages else None


@lru_cache(maxsize=32)
def _rules_at(version, programme_pk):
    return read_rules(programme_pk)


def state_of(log):
    """Every session and its decision, for the log's pages (the whole history, in order)."""
    stages = tuple(log.programme.stages.all()) if log.programme else ()
    sessions = tuple(log.sessions.all())
    if not stages:
        return State(log, stages, sessions, progression.Progress(decisions=()))
    rules = log.programme.rules(stages)
    found = progression.progress(
        rules=rules,
        sessions=[s.as_session() for s in sessions],
        given=[s.given for s in sessions],
    )
    return State(log, stages, sessions, found)


@dataclass(frozen=True)
class Latest:
    """The log's latest session (None before the first) and the decision it makes now."""

    session: LoggedSession | None
    decision: progression.Decision | None

    @property
    def stopped(self):
        return self.decision is not None and self.decision.action == progression.STOP


def settled_standing(log, rules):
    """Where the runner stood before their latest session. Only the latest session's
    next-morning check can still come, so every earlier decision is final: the log keeps
    where they led (``RunnerLog.standing``), and a save reads one session, not the whole
    history. A revised programme does not change it (decisions given stand: ``progress``);
    worked out from the sessions for a log that kept none."""
    memo = log.standing
    if {"stage", "good", "stopped"} <= memo.keys():
        return progression.Standing(
            memo["stage"], memo["good"], memo["stopped"], memo.get("after_flare", False)
        )
    earlier = list(log.sessions.filter(number__lt=log.sessions_logged))
    return progression.progress(
        rules=rules,
        sessions=[s.as_session() for s in earlier],
        given=[s.given for s in earlier],
    ).standing


def latest_of(log, rules):
    """The latest session and the decision given after it (worked out now for a session that
    kept none, when ``rules`` are given)."""
    if not log.sessions_logged:
        return Latest(None, None)
    session = log.sessions.get(number=log.sessions_logged)
    if session.given or rules is None:
        return Latest(session, session.given)
    return Latest(session, decided(log, rules, session))


def decided(log, rules, session):
    """The decision after the latest session, with these rules, from where the runner stood."""
    standing = settled_standing(log, rules)
    return progression.decide(rules=rules, standing=standing, session=session.as_session())


def refuse_if_closed(log, latest):
    if programme_changed(log):
        raise Refused(_("This programme has changed, so no new sessions can be logged."))
    if latest.stopped:
        raise Refused(_("The programme has stopped: get help as the page says before running."))


def refuse_session_out_of_turn(log, number):
    next_number = log.sessions_logged + 1
    if number < next_number:
        raise AlreadyDone(
            _("You have already logged session %(n)s: nothing was changed.") % {"n": number},
            kept=session_saved(number),
            elsewhere=_(
                "Session %(n)s had already been saved, perhaps from another device or tab, so "
                "the answers you gave here were not saved: the table below shows what was."
            )
            % {"n": number},
        )
    if number > next_number:
        raise Refused(
            _("That session cannot be logged yet: log session %(n)s first.") % {"n": next_number}
        )


def refuse_morning_out_of_turn(log, latest, number):
    if latest.session is None or number > log.sessions_logged:
        raise Refused(_("There is no session %(n)s to check.") % {"n": number})
    if number < log.sessions_logged:
        raise Refused(
            _("Only the morning after your latest session (%(n)s) can be checked now.")
            % {"n": log.sessions_logged}
        )
    if latest.session.next_morning is not None or latest.session.morning_red_flag:
        raise AlreadyDone(
            _("You have already checked the morning after session %(n)s: nothing was changed.")
            % {"n": number},
            kept=morning_saved(number),
            elsewhere=_(
                "The check of the morning after session %(n)s had already been saved, perhaps "
                "from another device or tab, so the answers you gave here were not saved: the "
                "table below shows what was."
            )
            % {"n": number},
        )


def morning_after(session):
    return session.day + timedelta(days=1)


def refuse_morning_too_soon(session):
    """A next-morning check is given on a later day than its session: how the back feels after
    a night's rest is what the programme's rules read (the same evening would let a runner move
    on in minutes)."""
    if timezone.localdate() < morning_after(session):
        raise Refused(
            _(
                "The check for the morning after session %(n)s opens tomorrow, %(day)s: it asks "
                "how your back feels after a night's rest. Nothing was changed."
            )
            % {"n": session.number, "day": date_format(morning_after(session), "j F")}
        )


def check_session_open(log, number):
    """Refuse the pages of a session that cannot be logged now, before any question."""
    refuse_session_out_of_turn(log, number)
    refuse_if_closed(log, latest_of(log, rules_of(log.programme)))


def check_morning_open(log, number):
    """Refuse the pages of a next-morning check that cannot be given now."""
    latest = latest_of(log, None)
    refuse_morning_out_of_turn(log, latest, number)
    refuse_morning_too_soon(latest.session)
    if programme_changed(log):
        raise Refused(_("This programme has changed, so no new checks can be logged."))


def locked(log):
    """The log again, its row locked until the transaction ends: saves to one log queue up."""
    return (
        RunnerLog.objects.select_related("programme").select_for_update(of=("self",)).get(pk=log.pk)
    )


def save_session(
    log, *, number, red_flag, pain_during, pain_after, leg_worse=False, red_flag_sign=""
):
    """Log session ``number`` (the next one); the same session sent twice is refused.
    ``red_flag_sign``: the warning sign reported, as the runner read it."""
    # The engine's own check: pain from 0 to 10, both asked unless a red flag ended it.
    session = progression.Session(
        pain_during=pain_during, pain_after=pain_after, red_flag=red_flag, leg_worse=leg_worse
    )
    with transaction.atomic():
        log = locked(log)
        refuse_session_out_of_turn(log, number)
        rules = rules_of(log.programme)
        latest = latest_of(log, rules)
        refuse_if_closed(log, latest)
        standing = (
            progression.Standing.after(latest.decision)
            if latest.session
            else progression.Standing()
        )
        decision = rules and progression.decide(rules=rules, standing=standing, session=session)
        # SQLite has no row locks: there the unique number is the guard. A failed insert ends
        # the whole transaction (Refused leaves the atomic block), so it needs no savepoint.
        try:
            logged = LoggedSession.objects.create(
                log=log,
                number=number,
                stage=progression.stage_within(standing.stage, rules.stages)
                if rules
                else standing.stage,
                pain_during=session.pain_during,
                pain_after=session.pain_after,
                red_flag=session.red_flag,
                red_flag_sign=red_flag_sign if red_flag else "",
                leg_worse=session.leg_worse,
                decision=asdict(decision) if decision else {},
            )
        except IntegrityError as error:
            raise Refused(
                _("You have already logged session %(n)s: nothing was changed.") % {"n": number}
            ) from error
        log.sessions_logged = number
        log.standing = asdict(standing)
        log.last_active = timezone.now()
        log.save(update_fields=["sessions_logged", "standing", "last_active"])
        if red_flag or (decision and decision.stops):
            result_page_outdated(log)
        return logged


def save_morning(log, *, number, red_flag, next_morning, leg_worse=False, red_flag_sign=""):
    """The next-morning check of session ``number`` (the latest), once."""
    progression.check_pain(next_morning, "next_morning")
    if not isinstance(leg_worse, bool):
        raise ValueError(f"leg_worse must be True or False, not {leg_worse!r}")
    if next_morning is None and not red_flag:
        raise Refused(_("Say how your back feels this morning: nothing was changed."))
    with transaction.atomic():
        log = locked(log)
        latest = latest_of(log, None)
        refuse_morning_out_of_turn(log, latest, number)
        refuse_morning_too_soon(latest.session)
        if programme_changed(log):
            raise Refused(_("This programme has changed, so no new checks can be logged."))
        session = latest.session
        session.next_morning = next_morning
        session.morning_red_flag = red_flag
        session.morning_red_flag_sign = red_flag_sign if red_flag else ""
        session.morning_leg_worse = leg_worse
        # The decision given again with the morning's answers, by the rules live now; a stop
        # already given stands, whatever a revised programme would say.
        rules, given = rules_of(log.programme), session.given
        decision = decided(log, rules, session) if rules else given
        if given and given.stops and not decision.stops:
            decision = given
        session.decision = asdict(decision) if decision else {}
        session.save(
            update_fields=[
                "next_morning",
                "morning_red_flag",
                "morning_red_flag_sign",
                "morning_leg_worse",
                "decision",
            ]
        )
        RunnerLog.objects.filter(pk=log.pk).update(last_active=timezone.now())
        if red_flag or (decision and decision.stops):
            result_page_outdated(log)
        return session


@dataclass(frozen=True)
class WarningsLogged:
    """What the log said since the result that overrides its advice, in one query: the warning
    signs logged after sessions or on the next mornings, and a stop for any reason (pain at the
    stop score, leg symptoms worse, flares). ``level``: the most urgent of the signs' levels and
    the stop's urgency ("" for none); ``first``: the first session that logged a sign;
    ``stop``: the session whose decision stopped the programme."""

    level: str
    first: LoggedSession | None
    stop: LoggedSession | None = None

    @property
    def at_morning(self):
        """Whether the first was logged at its session's next-morning check."""
        return self.first is not None and not self.first.red_flag

    @property
    def stop_reason(self):
        """Why the programme stopped, in the runner's words ("" when it did not)."""
        return self.stop.given.reason if self.stop else ""

    @classmethod
    def of(cls, log):
        found = list(
            log.sessions.filter(
                ~Q(red_flag="") | ~Q(morning_red_flag="") | Q(decision__action=progression.STOP)
            )
        )
        flagged = [s for s in found if s.red_flag or s.morning_red_flag]
        stop = next((s for s in found if s.given and s.given.stops), None)
        levels = [level for s in flagged for level in (s.red_flag, s.morning_red_flag)]
        if stop:
            levels.append(stop.given.urgency)
        return cls(
            functools.reduce(progression.more_urgent, levels, ""), next(iter(flagged), None), stop
        )


NONE_LOGGED = WarningsLogged(level="", first=None)


def result_page_outdated(log):
    """The result's kept page no longer says everything once the log starts, a warning sign is
    logged or the programme stops: it is forgotten now, and again once this is committed (so no
    page rendered in between is kept), as ``forget_live_questionnaire`` does."""
    token = log.submission.token
    forget_result_page(token)
    transaction.on_commit(lambda: forget_result_page(token))


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
            outcome = Outcome.objects.create(
                log=log, week=week, hard_activities=hard_activities, worst_pain=worst_pain
            )
            RunnerLog.objects.filter(pk=log.pk).update(last_active=timezone.now())
            return outcome
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
