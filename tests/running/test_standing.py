"""The log keeps where the sessions before the latest one left the runner, so saving a session
reads one session, not the whole history; what it decides must always be what the whole
history decides."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conditions.vocabulary import EMERGENCY, URGENT
from core.caching import content_version
from running import logbook
from running import progression as p
from running.models import Programme, RunnerLog, Stage
from tests.factories import SubmissionFactory
from tests.running.helpers import night_passes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

pain = st.integers(min_value=0, max_value=10)
session_saves = st.builds(
    lambda during, after, flag: ("session", during, after, flag),
    pain,
    pain,
    st.sampled_from(["", "", "", "", URGENT]),
)
morning_checks = st.builds(
    lambda morning, flag: ("morning", morning, flag),
    pain,
    st.sampled_from(["", "", "", "", EMERGENCY]),
)


def new_log():
    programme = Programme.objects.live().get(slug="back-to-running")
    return logbook.start_log(SubmissionFactory(), programme, consent=False)


def apply(log, step):
    """One save through the logbook as the pages make it; a refusal changes nothing."""
    log = RunnerLog.objects.select_related("programme").get(pk=log.pk)
    try:
        if step[0] == "session":
            _kind, during, after, flag = step
            logbook.save_session(
                log,
                number=log.sessions_logged + 1,
                red_flag=flag,
                pain_during=None if flag else during,
                pain_after=None if flag else after,
            )
        else:
            _kind, morning, flag = step
            night_passes(log.submission, log.sessions_logged)
            logbook.save_morning(
                log, number=log.sessions_logged, red_flag=flag, next_morning=morning
            )
    except logbook.Refused:
        pass
    return RunnerLog.objects.select_related("programme").get(pk=log.pk)


def decision_kept(log):
    return logbook.latest_of(log, logbook.rules_of(log.programme)).decision


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(session_saves, morning_checks), max_size=14))
def test_the_kept_standing_decides_what_the_whole_history_decides(steps):
    log = new_log()
    for step in steps:
        log = apply(log, step)
        assert log.sessions_logged == log.sessions.count()
        assert decision_kept(log) == logbook.state_of(log).progress.decision


def revise(programme, **changes):
    """The live programme's rules changed as a published revision changes them, seen at once."""
    stages = {key: value for key, value in changes.items() if key != "stop_pain"}
    if stages:
        Stage.objects.filter(programme=programme, number=1).update(**stages)
    if "stop_pain" in changes:
        Programme.objects.filter(pk=programme.pk).update(stop_pain=changes["stop_pain"])
    content_version()  # a new process's view: the rules are read again
    logbook._rules_at.cache_clear()


def test_a_revised_programme_keeps_the_advice_given_and_judges_the_next_session_by_its_rules():
    log = new_log()
    for _number in range(3):
        log = apply(log, ("session", 1, 1, ""))
        log = apply(log, ("morning", 1, ""))
    before = decision_kept(log)

    revise(log.programme, sessions_to_move_on=1, max_pain_during=0)
    log = RunnerLog.objects.select_related("programme").get(pk=log.pk)

    assert (before.action, before.stage) == (p.MOVE_ON, 2)
    assert decision_kept(log) == logbook.state_of(log).progress.decision == before
    assert [d.action for d in logbook.state_of(log).progress.decisions] == [
        p.REPEAT,
        p.REPEAT,
        p.MOVE_ON,
    ]
    log = apply(log, ("session", 1, 1, ""))  # on stage 2, which the revision left alone
    assert log.sessions.get(number=4).stage == 2
    assert decision_kept(log) == logbook.state_of(log).progress.decision


def test_a_stop_given_is_never_undone_by_a_revision_that_raises_the_stop_limit():
    log = new_log()
    log = apply(log, ("session", 7, 7, ""))
    assert decision_kept(log).reason == p.STOP_LIMIT

    revise(log.programme, stop_pain=10)
    log = RunnerLog.objects.select_related("programme").get(pk=log.pk)
    log = apply(log, ("morning", 0, ""))

    assert decision_kept(log).action == p.STOP
    assert logbook.state_of(log).progress.decision.action == p.STOP
    with pytest.raises(logbook.Refused, match="stopped"):
        logbook.check_session_open(log, 2)


def test_a_revision_that_removes_the_runners_stage_leaves_them_on_the_last_one(client):
    log = new_log()
    log = apply(log, ("session", 1, 1, ""))
    RunnerLog.objects.filter(pk=log.pk).update(standing={"stage": 4, "good": 0, "stopped": ""})
    log.sessions.update(stage=4, decision={})
    Stage.objects.filter(programme=log.programme, number__gt=2).delete()
    revise(log.programme)
    log = RunnerLog.objects.select_related("programme").get(pk=log.pk)

    log = apply(log, ("session", 1, 1, ""))

    assert log.sessions.get(number=2).stage == 2
    assert logbook.state_of(log).stage.number == 2
    assert client.get(log.get_absolute_url()).status_code == 200


def test_sessions_saved_before_decisions_were_kept_are_decided_from_their_history():
    log = new_log()
    for _number in range(4):
        log = apply(log, ("session", 1, 1, ""))
        log = apply(log, ("morning", 1, ""))
    kept = logbook.state_of(log).progress.decisions

    log.sessions.update(decision={})
    RunnerLog.objects.filter(pk=log.pk).update(standing={})
    log = RunnerLog.objects.select_related("programme").get(pk=log.pk)

    assert logbook.state_of(log).progress.decisions == kept
    assert decision_kept(log) == kept[-1]


def test_saving_a_session_costs_the_same_queries_after_forty_sessions_as_after_two():
    log = new_log()

    def queries_to_save_next():
        fresh = RunnerLog.objects.select_related("programme").get(pk=log.pk)
        with CaptureQueriesContext(connection) as saved:
            logbook.save_session(
                fresh, number=fresh.sessions_logged + 1, red_flag="", pain_during=1, pain_after=1
            )
        return len(saved)

    for _number in range(2):
        apply(log, ("session", 1, 1, ""))
    after_two = queries_to_save_next()
    for _number in range(37):
        apply(log, ("session", 1, 1, ""))
    assert queries_to_save_next() == after_two


def test_the_morning_after_an_earlier_session_is_refused_once_a_later_one_is_logged():
    log = new_log()
    log = apply(log, ("session", 1, 1, ""))
    log = apply(log, ("session", 1, 1, ""))
    with pytest.raises(logbook.Refused, match="latest session"):
        logbook.save_morning(log, number=1, red_flag="", next_morning=1)
    assert log.sessions.get(number=1).next_morning is None


def test_a_runners_saves_leave_the_content_version_and_so_every_cached_page():
    log = new_log()
    version = content_version()
    log = apply(log, ("session", 1, 1, ""))
    apply(log, ("morning", 1, ""))
    assert content_version() == version
    log.programme.save()  # content: a programme saved makes cached pages stale
    assert content_version() != version
