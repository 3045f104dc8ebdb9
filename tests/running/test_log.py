"""The runner's log behind a result's private link: start, log, check, decide."""

import datetime
import html
import re
import secrets
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conditions.models import RedFlag
from running import logbook
from running.forms import LEG, MORNING_STEPS, SESSION_STEPS, YES
from running.models import LoggedSession, Programme, RunnerLog
from tests.factories import SubmissionFactory
from tests.helpers import without_tags
from tests.running.helpers import (
    check_morning,
    log_session,
    log_url,
    night_passes,
    session_url,
    start,
    step_url,
    walk,
)
from triage.live.flow import FOLLOW_UP_KEY, RUN_COOKIE, RunStore

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


@pytest.fixture
def submission():
    return SubmissionFactory()


@pytest.fixture
def started(client, submission):
    start(client, submission)
    return submission


def test_a_self_care_result_offers_the_programme_and_starting_it_makes_one_log(client, submission):
    page = client.get(log_url(submission))
    assert b"Start the programme" in page.content
    start(client, submission)
    start(client, submission)
    assert RunnerLog.objects.filter(submission=submission).count() == 1


def test_a_session_waiting_for_its_morning_check_says_check_tomorrow_not_repeat(client, started):
    """Every session read "Repeat this stage" until its morning check, even the one the
    morning then moved on."""
    log_session(client, started, 1, during=1, after=2)

    page = without_tags(client.get(log_url(started)).content.decode())

    assert "Check your back tomorrow morning" in page
    assert "Repeat this stage" not in page


def test_a_good_session_and_morning_check_say_repeat(client, started):
    log_session(client, started, 1, during=1, after=2)
    check_morning(client, started, 1, pain=1)
    page = client.get(log_url(started)).content.decode()
    assert "Repeat this stage" in page


def test_three_good_sessions_move_the_runner_on(client, started):
    for number in (1, 2, 3):
        log_session(client, started, number, during=1, after=1)
        check_morning(client, started, number, pain=1)
    page = client.get(log_url(started)).content.decode()
    assert "Move on to the next stage" in page
    assert "Stage 2: Walk–run intervals" in page


def test_an_urgent_warning_sign_stops_the_programme_with_the_urgent_card(client, started):
    flag = RedFlag.objects.live().filter(level="urgent").first()
    response = log_session(client, started, 1, during=1, after=1, red_flag=flag.slug)
    assert response.status_code == 302
    page = client.get(log_url(started)).content.decode()
    assert "Stop the programme and get urgent advice today" in page
    assert "care-card--urgent" in page
    logged = LoggedSession.objects.get()
    assert (logged.red_flag, logged.pain_during, logged.pain_after) == ("urgent", None, None)


def test_an_urgent_stop_has_its_own_call_111_button_before_the_general_warning_cards(
    client, started
):
    flag = RedFlag.objects.live().filter(level="urgent").first()
    log_session(client, started, 1, during=1, after=1, red_flag=flag.slug)

    page = client.get(log_url(started)).content.decode()

    stop = page.index("Stop the programme and get urgent advice today")
    card = page.rindex('<div class="care-card care-card--urgent">', 0, stop)
    call = page.index('<a class="call-button call-button--urgent" href="tel:111">', stop)
    assert card < stop < call < page.index("care-card--emergency")


def test_the_log_says_what_is_lost_by_logging_the_next_session_before_the_morning_check(
    client, started
):
    log_session(client, started, 1, during=1, after=1)

    page = without_tags(client.get(log_url(started)).content.decode())

    assert "once you log session 2, that check can no longer be given" in page
    check_morning(client, started, 1, pain=1)
    page = without_tags(client.get(log_url(started)).content.decode())
    assert "can no longer be given" not in page


def test_coming_back_to_a_saved_sessions_page_says_it_is_saved_without_a_warning(client, started):
    log_session(client, started, 1, during=1, after=1)

    page = client.get(step_url(session_url(started, 1), 4), follow=True).content.decode()

    assert "Session 1 is saved in your log." in page
    assert "nothing was changed" not in page and "alert-warning" not in page


def test_sending_a_saved_sessions_last_answer_again_changes_nothing_and_says_it_was_not_saved(
    client, started
):
    log_session(client, started, 1, during=1, after=4)
    client.get(log_url(started))  # the saved message shown

    response = client.post(step_url(session_url(started, 1), 4), {"step": 4, "answer": "yes"})

    page = without_tags(client.get(response.url, follow=True).content.decode())
    assert "Session 1 had already been saved" in page
    assert "the answers you gave here were not saved" in page
    assert "is saved in your log" not in page
    assert LoggedSession.objects.get().pain_after == 4
    assert not LoggedSession.objects.get().leg_worse


def test_a_second_tabs_different_last_answer_is_not_saved_and_the_runner_is_told(client, started):
    url = session_url(started, 1)
    answers = {"red_flag": "none", "pain_during": "1", "pain_after": "1"}
    walk(client, url, SESSION_STEPS, answers)  # both tabs now show the last question
    client.post(step_url(url, 4), {"step": 4, "answer": "no"})  # the first tab saves
    client.get(log_url(started))

    response = client.post(step_url(url, 4), {"step": 4, "answer": "yes"})  # the second tab

    page = without_tags(client.get(response.url, follow=True).content.decode())
    assert response.url == log_url(started)
    assert "the answers you gave here were not saved" in page
    assert "is saved in your log" not in page
    assert not LoggedSession.objects.get().leg_worse


def test_an_answer_whose_earlier_answers_were_lost_starts_the_session_again_and_says_so(
    client, started
):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none", "pain_during": "1"})
    client.cookies.pop(RUN_COOKIE)  # the run ended (two hours, a cleared cookie)

    response = client.post(step_url(url, 3), {"step": 3, "answer": "2"})

    page = without_tags(client.get(response.url).content.decode())
    assert response.url == url
    assert "no longer kept, so nothing was saved" in page
    assert not LoggedSession.objects.exists()


def test_an_emergency_warning_sign_shows_the_emergency_card(client, started):
    flag = RedFlag.objects.live().filter(level="emergency").first()
    log_session(client, started, 1, during=1, after=1)
    check_morning(client, started, 1, pain=1, red_flag=flag.slug)
    page = client.get(log_url(started)).content.decode()
    assert "Call 999 or go to A&amp;E now" in without_tags(page)
    assert "care-card--soon" not in page and "care-card--urgent" not in page
    assert "Log session" not in page
    logged = LoggedSession.objects.get()
    assert (logged.morning_red_flag, logged.next_morning) == ("emergency", None)
    check_morning(client, started, 1, pain=1)
    assert LoggedSession.objects.get().next_morning is None


@pytest.mark.parametrize("stopped_by", ["warning sign", "leg symptoms"])
def test_a_session_that_stops_the_programme_is_saved_without_a_cheerful_note(
    client, started, stopped_by
):
    flag = RedFlag.objects.live().filter(level="urgent").first()
    if stopped_by == "warning sign":
        log_session(client, started, 1, during=None, after=None, red_flag=flag.slug)
    else:
        log_session(client, started, 1, during=1, after=1, leg=YES)

    page = without_tags(client.get(log_url(started)).content.decode())

    assert "is saved in your log" not in page
    assert "Your answers are saved." in page
    assert LoggedSession.objects.get().number == 1


def test_leg_symptoms_that_spread_during_a_session_stop_the_programme_with_see_soon(
    client, started
):
    log_session(client, started, 1, during=1, after=1, leg=YES)

    page = client.get(log_url(started)).content.decode()
    assert "Stop the programme and see a physiotherapist or GP" in page
    assert "care-card--soon" in page
    assert "Log session 2" not in page
    assert LoggedSession.objects.get().leg_worse


def test_leg_symptoms_that_spread_by_the_next_morning_stop_the_programme(client, started):
    log_session(client, started, 1, during=1, after=1)
    check_morning(client, started, 1, pain=0, leg=YES)

    page = client.get(log_url(started)).content.decode()
    assert "Stop the programme and see a physiotherapist or GP" in page
    logged = LoggedSession.objects.get()
    assert (logged.leg_worse, logged.morning_leg_worse, logged.next_morning) == (False, True, 0)


def test_a_stopped_log_shows_no_stage_as_current_and_no_morning_check_to_come(client, started):
    log_session(client, started, 1, during=1, after=1, leg=YES)

    page = client.get(log_url(started)).content.decode()
    assert "You are here" not in page
    assert "not yet" not in page
    assert "start a new log" in page


def test_a_stopped_logs_printout_says_it_stopped_and_why_with_no_rows_for_more(client, started):
    log_session(client, started, 1, during=1, after=1, leg=YES)

    page = client.get(log_url(started) + "print/").content.decode()
    assert "The programme stopped after session 1." in page
    assert "Pain, numbness or tingling in a leg started" in page
    assert 'class="print-only"' not in page


def test_the_leg_question_asks_since_the_last_check_so_a_skipped_morning_is_covered():
    assert LEG.text.startswith("Since you last answered these questions") and LEG in SESSION_STEPS


def test_the_start_page_counts_the_questions_a_session_asks(client, submission):
    page = client.get(log_url(submission)).content.decode()
    words = {3: "three", 4: "four", 5: "five"}
    assert f"answer {words[len(SESSION_STEPS)]} short questions" in page


def test_going_back_a_question_shows_the_earlier_answer_chosen(client, started):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none", "pain_during": "3", "pain_after": "2"})

    page = client.get(step_url(url, 3)).content.decode()

    chosen = re.findall(r'<input[^>]*type="radio"[^>]*>', page)
    assert [tag for tag in chosen if "checked" in tag and 'value="2"' in tag]
    assert len([tag for tag in chosen if "checked" in tag]) == 1


def test_each_answer_is_answered_with_a_redirect_so_back_never_sends_a_form_again(client, started):
    url = session_url(started, 1)
    answers = ["none", "3", "2", "no"]
    for number, answer in enumerate(answers, start=1):
        response = client.post(step_url(url, number), {"step": number, "answer": answer})
        assert response.status_code == 302
    assert LoggedSession.objects.get().pain_during == 3


def test_a_question_page_holds_no_earlier_answer_and_links_to_the_question_before(client, started):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none", "pain_during": "7"})

    page = client.get(step_url(url, 3)).content.decode()

    assert 'name="pain_during"' not in page and 'type="hidden" name="red_flag"' not in page
    assert f'href="{step_url(url, 2)}"' in page and "Previous question" in page


def test_a_changed_earlier_answer_is_saved_and_the_later_ones_are_offered_again(client, started):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none", "pain_during": "3", "pain_after": "2"})
    client.post(step_url(url, 2), {"step": 2, "answer": "4"})

    page = client.get(step_url(url, 3)).content.decode()
    assert re.search(r'<input[^>]*value="2"[^>]*checked', page)
    client.post(step_url(url, 3), {"step": 3, "answer": "2"})
    client.post(step_url(url, 4), {"step": 4, "answer": "no"})
    assert LoggedSession.objects.get().pain_during == 4


def test_a_question_after_an_unanswered_one_sends_the_runner_back_to_it(client, started):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none"})

    for step in ("3", "4", "9", "0", "-1", "x"):
        response = client.get(f"{url}?step={step}")
        assert response.status_code == 302
        assert response.url == step_url(url, 2)


def test_the_answers_kept_between_pages_are_dropped_once_the_session_is_saved(client, started):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none", "pain_during": "3", "pain_after": "2"})
    kept = RunStore.for_cookie(client.cookies[RUN_COOKIE].value)
    assert kept.get(FOLLOW_UP_KEY)["answers"]["pain_during"] == "3"

    client.post(step_url(url, 4), {"step": 4, "answer": "no"})

    assert RunStore.for_cookie(client.cookies[RUN_COOKIE].value).get(FOLLOW_UP_KEY) is None


def test_purging_a_result_ends_the_run_holding_its_log_answers_so_far(client, started):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none", "pain_during": "3"})
    cookie = client.cookies[RUN_COOKIE].value

    started.delete()

    assert RunStore.for_cookie(cookie).get(FOLLOW_UP_KEY) is None


def test_an_answer_kept_on_the_way_to_the_last_reads_nothing_from_the_database(
    client, started, django_assert_num_queries
):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none"})

    with django_assert_num_queries(0):
        response = client.post(step_url(url, 2), {"step": 2, "answer": "3"})

    assert response.status_code == 302 and response.url == step_url(url, 3)


def test_a_first_answer_for_a_forged_token_is_not_found_and_nothing_is_kept(client):
    url = session_url(SubmissionFactory.build(token="forged-token"), 1)

    response = client.post(url, {"step": 1, "answer": "none"})

    assert response.status_code == 404
    assert RUN_COOKIE not in client.cookies


def test_the_answer_after_its_result_was_purged_is_told_the_result_has_gone(client, started):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none"})
    started.delete()

    response = client.post(step_url(url, 2), {"step": 2, "answer": "3"})

    assert response.status_code == 410
    assert RunStore.for_cookie(client.cookies[RUN_COOKIE].value).get(FOLLOW_UP_KEY) is None


def test_answers_kept_for_a_session_are_not_offered_for_a_morning_check(client, started):
    log_session(client, started, 1, during=1, after=1)
    night_passes(started, 1)
    walk(client, session_url(started, 2), SESSION_STEPS, {"red_flag": "none", "pain_during": "6"})
    morning = reverse("running:morning", kwargs={"token": started.token, "number": 1})

    response = client.get(step_url(morning, 2))

    assert response.status_code == 302 and response.url == morning


@pytest.mark.parametrize("answer", ["maybe", "", "Yes "])
def test_a_leg_answer_that_is_not_yes_or_no_is_asked_again_and_nothing_is_stored(
    client, started, answer
):
    response = log_session(client, started, 1, during=1, after=1, leg=answer)

    assert response.status_code == 400
    assert "Choose" in response.content.decode()
    assert not LoggedSession.objects.exists()


@pytest.mark.parametrize("pain", ["-1", "11", "3.5", "x", ""])
def test_pain_outside_nought_to_ten_is_refused_and_nothing_is_stored(client, started, pain):
    response = log_session(client, started, 1, during=pain, after=1)
    assert response.status_code == 400
    assert "Choose" in response.content.decode()
    assert not LoggedSession.objects.exists()


def test_a_session_logged_twice_is_stored_once_with_a_message(client, started):
    log_session(client, started, 1, during=1, after=1)
    response = log_session(client, started, 1, during=5, after=5)
    assert response.status_code == 302
    assert LoggedSession.objects.get().pain_during == 1
    page = client.get(log_url(started)).content.decode()
    assert "Session 1 had already been saved" in page
    assert "the answers you gave here were not saved" in page


def test_a_session_that_lost_a_race_is_refused_and_changes_nothing(started, monkeypatch):
    # Two saves of one session at once, as SQLite (no row locks) allows: the second read the
    # log before the first committed, so only the unique session number stops it.
    runner_log = RunnerLog.objects.get(submission=started)
    stale = RunnerLog.objects.get(pk=runner_log.pk)
    logbook.save_session(runner_log, number=1, red_flag="", pain_during=1, pain_after=1)
    monkeypatch.setattr(logbook, "locked", lambda log: stale)

    with pytest.raises(logbook.Refused, match="already logged session 1"):
        logbook.save_session(runner_log, number=1, red_flag="", pain_during=5, pain_after=5)

    assert LoggedSession.objects.get().pain_during == 1
    assert RunnerLog.objects.get(pk=runner_log.pk).sessions_logged == 1


def test_a_morning_checked_twice_keeps_the_first_answer(client, started):
    log_session(client, started, 1, during=1, after=1)
    check_morning(client, started, 1, pain=1)
    check_morning(client, started, 1, pain=6)
    assert LoggedSession.objects.get().next_morning == 1


def test_an_answer_posted_to_a_question_not_reached_yet_stores_nothing(client, started):
    url = session_url(started, 1)
    response = client.post(step_url(url, 2), {"step": 2, "answer": "1"})
    assert response.status_code == 302 and response.url == url
    response = client.post(step_url(url, 4), {"step": 4, "answer": "no"})
    assert response.status_code == 302 and response.url == url
    assert not LoggedSession.objects.exists()


def test_a_session_number_out_of_turn_is_refused(client, started):
    response = log_session(client, started, 3, during=1, after=1)
    assert response.status_code == 302
    assert not LoggedSession.objects.exists()


def test_a_forged_token_is_not_found(client):
    assert client.get(reverse("running:log", kwargs={"token": "forged-token"})).status_code == 404


def test_a_purged_result_takes_its_log_with_it_and_answers_gone(client, started):
    log_session(client, started, 1, during=1, after=1)
    started.delete()
    assert not RunnerLog.objects.exists() and not LoggedSession.objects.exists()
    assert client.get(log_url(started)).status_code == 410


def test_an_unpublished_programme_keeps_the_log_and_says_the_programme_changed(client, started):
    log_session(client, started, 1, during=1, after=1)
    Programme.objects.filter(pk=RunnerLog.objects.get().programme_id).update(status="draft")
    page = client.get(log_url(started)).content.decode()
    assert "This programme has changed" in page
    response = log_session(client, started, 2, during=1, after=1)
    assert response.status_code == 302
    assert LoggedSession.objects.count() == 1


def test_the_result_page_links_the_programme_name_to_its_own_log_not_the_general_article(
    client, submission
):
    page = client.get(submission.get_absolute_url()).content.decode()

    assert f'href="{log_url(submission)}">' in page
    for programme in Programme.objects.live():
        assert reverse("running:programme", kwargs={"slug": programme.slug}) not in page


def test_saving_a_session_says_it_is_saved(client, started):
    response = log_session(client, started, 1, during=1, after=1)

    page = client.get(response.url).content.decode()
    assert "Session 1 is saved in your log." in page


def test_a_session_saved_from_another_device_meanwhile_says_these_answers_were_not_saved(
    client, started
):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none", "pain_during": "1"})
    log_session(Client(), started, 1, during=4, after=4)

    page = client.get(step_url(url, 3), follow=True).content.decode()

    assert "the answers you gave here were not saved" in page
    assert LoggedSession.objects.get().pain_during == 4


def test_a_last_answer_sent_after_another_device_saved_the_session_says_it_was_not_saved(
    client, started
):
    url = session_url(started, 1)
    walk(client, url, SESSION_STEPS, {"red_flag": "none", "pain_during": "1", "pain_after": "1"})
    log_session(Client(), started, 1, during=4, after=4)

    response = client.post(step_url(url, 4), {"step": 4, "answer": "no"}, follow=True)

    assert "the answers you gave here were not saved" in response.content.decode()
    assert LoggedSession.objects.get().pain_during == 4


def test_a_morning_check_saved_from_another_device_meanwhile_says_these_answers_were_not_saved(
    client, started
):
    log_session(client, started, 1, during=1, after=1)
    night_passes(started, 1)
    url = reverse("running:morning", kwargs={"token": started.token, "number": 1})
    walk(client, url, MORNING_STEPS, {"red_flag": "none"})
    check_morning(Client(), started, 1, pain=4)

    page = client.get(step_url(url, 2), follow=True).content.decode()

    assert "the answers you gave here were not saved" in page
    assert LoggedSession.objects.get().next_morning == 4


def test_pain_over_the_first_stages_limit_says_stay_on_the_first_stage_not_step_back(
    client, started
):
    log_session(client, started, 1, during=5, after=1)

    page = without_tags(client.get(log_url(started)).content.decode())

    assert "Stay on the first stage" in page
    assert "Step back a stage" not in page


@pytest.mark.parametrize(("level", "call"), [("emergency", "tel:999"), ("urgent", "tel:111")])
def test_a_warning_sign_logged_after_the_result_is_shown_first_on_the_result_page(
    client, started, level, call
):
    flag = RedFlag.objects.live().filter(level=level).first()
    client.get(started.get_absolute_url())  # kept, from before the warning sign
    log_session(client, started, 1, during=1, after=1, red_flag=flag.slug)

    page = client.get(started.get_absolute_url()).content.decode()

    start = page.index("log-warning")
    card = page[start : page.index("</div>", start)]
    assert "Since this result, you told your running log about a warning sign" in card
    assert f'href="{call}"' in card
    assert start < page.index("<h2", page.index("Result from"))


def test_a_warning_sign_at_a_morning_check_is_shown_on_the_result_page(client, started):
    flag = RedFlag.objects.live().filter(level="urgent").first()
    log_session(client, started, 1, during=1, after=1)
    client.get(started.get_absolute_url())
    check_morning(client, started, 1, pain=1, red_flag=flag.slug)

    page = client.get(started.get_absolute_url()).content.decode()

    assert "Since this result, you told your running log about a warning sign" in page


def test_a_log_without_warning_signs_adds_nothing_to_the_result_page(client, started):
    log_session(client, started, 1, during=5, after=5)

    page = client.get(started.get_absolute_url()).content.decode()

    assert "log-warning" not in page


def test_the_result_page_links_to_its_programme(client, submission):
    page = client.get(submission.get_absolute_url()).content.decode()
    assert log_url(submission) in page


def test_a_runner_reading_their_log_again_and_again_is_never_refused(client, started, settings):
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 2
    statuses = {client.get(log_url(started)).status_code for _ in range(20)}
    assert statuses == {200}


def test_log_pages_of_guessed_tokens_count_as_failed_look_ups(client, started, settings):
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 2
    guessed = [f"/check/result/{secrets.token_urlsafe(24)}/programme/" for _ in range(2)]

    misses = [client.get(url).status_code for url in guessed]
    refused = client.get(log_url(started))

    assert misses == [404, 404]
    assert refused.status_code == 429


def test_purge_submissions_deletes_an_expired_results_log_and_counts_only_results(
    client, started, settings
):
    log_session(client, started, 1, during=1, after=1)
    too_old = started.created - datetime.timedelta(days=settings.TRIAGE_RETENTION_DAYS + 1)
    started.__class__.objects.filter(pk=started.pk).update(created=too_old)
    RunnerLog.objects.update(last_active=too_old)  # and its log unused since
    out = StringIO()
    call_command("purge_submissions", stdout=out)
    assert not RunnerLog.objects.exists() and not LoggedSession.objects.exists()
    assert "Deleted 1 submissions" in out.getvalue()
    assert client.get(log_url(started)).status_code == 410


@pytest.mark.parametrize("disposition", ["emergency", "urgent"])
def test_an_emergency_or_urgent_result_is_offered_no_programme(disposition):
    from running.logbook import live_programmes, programme_for
    from triage.engine.scoring import Result

    assert programme_for(Result(disposition=disposition), live_programmes()) is None


def test_a_programme_for_the_results_running_verdict_comes_before_one_for_any():
    from running.logbook import programme_for
    from triage.engine.scoring import Match, Result

    general = Programme(name="General", for_running="")
    for_stop = Programme(name="For stop", for_running="stop")
    for_modify = Programme(name="For modify", for_running="modify")
    result = Result(
        disposition="soon", running="stop", conditions=(Match("sciatica", 5, "strong", ()),)
    )
    assert programme_for(result, [general, for_modify, for_stop]) is for_stop
    assert programme_for(result, [general, for_modify]) is general


def offer_for(running, submission, disposition="self_care"):
    from django.template import Context, Template

    from triage.engine.scoring import Result

    result = Result(disposition=disposition, running=running)
    template = Template("{% load running %}{% programme_link result submission %}")
    return without_tags(template.render(Context({"result": result, "submission": submission})))


def test_a_result_that_says_stop_running_offers_the_programme_for_later(submission):
    offer = offer_for("stop", submission)

    assert "Start the programme" in offer
    assert "For later: Back to running" in offer
    assert "Your answers say to stop running for now." in offer


def test_a_result_that_says_stop_and_see_someone_soon_offers_it_for_once_they_have_checked(
    submission,
):
    """A teenager told to stop running until checked for a stress fracture, and a runner told
    not to run until a weak leg is checked, were offered it with no word of the check (a
    fresh-eyes audit)."""
    offer = offer_for("stop", submission, disposition="soon")

    assert "For later: Back to running" in offer
    assert "Start this programme once they have checked it" in offer
    assert "This programme is for when" not in offer


@pytest.mark.parametrize("running", ["modify", "continue"])
def test_a_result_that_allows_running_offers_the_programme_now(submission, running):
    offer = offer_for(running, submission)

    assert "Start the programme" in offer
    assert "For later" not in offer


@pytest.mark.parametrize(
    "running, says",
    [
        ("modify", "Your answers say you can keep running with the changes above."),
        ("continue", "Your answers say you can keep running. If your back"),
    ],
)
def test_a_result_that_allows_running_says_who_the_walking_start_is_for(submission, running, says):
    """A runner told to keep running is not left wondering why the programme starts with walking."""
    offer = offer_for(running, submission)

    assert says in offer
    assert "it starts with walking" in offer
    assert "stop running for now" not in offer


def test_the_printable_programme_says_how_to_print_without_scripts(client, started):
    page = client.get(log_url(started) + "print/").content.decode()

    assert re.search(r"<button[^>]*data-print hidden>Print this page</button>", page)
    assert "use your browser's Print command" in without_tags(page).replace("&#x27;", "'")


def pages_from_the_result(submission):
    """Every page shown or printed from a stored result that a runner may hand on."""
    token = {"token": submission.token}
    return {
        "result": submission.get_absolute_url(),
        "clinician summary": reverse("triage:result_summary", kwargs=token),
        "exercise sheet": reverse("triage:result_sheet", kwargs=token),
        "programme print": reverse("running:print", kwargs=token),
    }


@pytest.mark.parametrize(("level", "call"), [("emergency", "tel:999"), ("urgent", "tel:111")])
def test_every_page_shown_or_printed_from_the_result_says_a_warning_sign_was_logged_since(
    client, started, level, call
):
    flag = RedFlag.objects.live().filter(level=level).first()
    pages = pages_from_the_result(started)
    for url in pages.values():
        client.get(url)  # any copy kept from before the warning sign
    log_session(client, started, 1, during=1, after=1, red_flag=flag.slug)

    for name, url in pages.items():
        page = client.get(url).content.decode()
        warning = re.search(
            r'class="[^"]*(log-warning|summary-log-warning)[^"]*"(.*?)</(div|section)>', page, re.S
        )
        assert warning, name
        assert f'href="{call}"' in warning.group(2), name


def stop_without_a_warning_sign(client, submission, how):
    """Stop the log with "see someone soon" the way ``how`` says: pain at the stop score, leg
    symptoms worse at a session or by the morning, or a second flare on the first stage."""
    if how == "stop score":
        log_session(client, submission, 1, during=Programme.objects.get().stop_pain, after=1)
    elif how == "leg at the session":
        log_session(client, submission, 1, during=1, after=1, leg=YES)
    elif how == "leg by the morning":
        log_session(client, submission, 1, during=1, after=1)
        check_morning(client, submission, 1, pain=1, leg=YES)
    else:
        log_session(client, submission, 1, during=6, after=1)
        log_session(client, submission, 2, during=6, after=1)
    assert logbook.WarningsLogged.of(submission.running_log).stop_reason, how


STOPS = ["stop score", "leg at the session", "leg by the morning", "flared again"]


@pytest.mark.parametrize("how", STOPS)
def test_every_page_shown_or_printed_from_the_result_says_the_log_stopped_the_programme(
    client, started, how
):
    """A result that said "keep running" went on saying it after the log said stop."""
    pages = pages_from_the_result(started)
    for url in pages.values():
        client.get(url)  # any copy kept from before the stop
    stop_without_a_warning_sign(client, started, how)

    for name, url in pages.items():
        page = without_tags(client.get(url).content.decode())
        assert "stopped the programme" in page, name
        assert "physiotherapist or GP" in page, name


def test_the_result_page_leads_with_the_logs_stop_and_its_reason(client, started):
    log_session(client, started, 1, during=1, after=1, leg=YES)

    page = client.get(started.get_absolute_url()).content.decode()

    start = page.index("log-warning")
    card = without_tags(page[start : page.index("</div>", start)])
    assert "your running log stopped the programme: see a physiotherapist or GP soon" in card
    assert "a leg started, got worse or spread further down" in card
    assert start < page.index("<h2", page.index("Result from"))
    assert "<title>See a physiotherapist or GP soon" in page
    assert "Your answers say you can keep running" not in page


def test_the_clinician_summary_says_when_the_log_stopped_and_the_scores_it_stopped_on(
    client, started
):
    log_session(client, started, 1, during=1, after=2)
    check_morning(client, started, 1, pain=3, leg=YES)
    url = reverse("triage:result_summary", kwargs={"token": started.token})

    page = " ".join(without_tags(client.get(url).content.decode()).split())

    assert "The runner's return-to-run log stopped the programme (session 1," in page
    assert "pain 1/10 during and 2/10 after, 3/10 the next morning; pain, numbness" in page
    assert "see a physiotherapist or GP in the next week or so" in page


def test_a_log_that_steps_back_but_goes_on_adds_nothing_to_the_result_page(client, started):
    log_session(client, started, 1, during=6, after=1)

    page = client.get(started.get_absolute_url()).content.decode()

    assert "log-warning" not in page
    assert "stopped" not in without_tags(page)


def test_the_warning_sweep_sees_a_page_without_the_warning(client, started):
    """The sweep above would fail on a page that leaves the warning out: a log without one."""
    log_session(client, started, 1, during=1, after=1)

    for url in pages_from_the_result(started).values():
        assert "log-warning" not in client.get(url).content.decode()


def test_the_clinician_summary_says_when_the_warning_sign_was_logged_and_what_was_said(
    client, started
):
    flag = RedFlag.objects.live().filter(level="urgent").first()
    log_session(client, started, 1, during=1, after=1)
    check_morning(client, started, 1, pain=1, red_flag=flag.slug)
    url = reverse("triage:result_summary", kwargs={"token": started.token})

    page = without_tags(client.get(url).content.decode())

    assert "Since this result" in page
    assert "recorded a warning sign that needs urgent care" in page
    assert "at the next-morning check after session 1" in page
    assert "urgent GP appointment today or call 111" in page
    assert f"The sign they chose: “{flag.sign}”." in page


@pytest.mark.parametrize("when", ["session", "morning"])
def test_the_warning_sign_chosen_is_kept_in_its_words_and_shown_in_the_log(client, started, when):
    flag = RedFlag.objects.live().filter(level="emergency").first()
    if when == "session":
        log_session(client, started, 1, during=None, after=None, red_flag=flag.slug)
    else:
        log_session(client, started, 1, during=1, after=1)
        check_morning(client, started, 1, pain=None, red_flag=flag.slug)

    page = without_tags(client.get(log_url(started)).content.decode())

    printout = without_tags(client.get(log_url(started) + "print/").content.decode())

    logged = LoggedSession.objects.get()
    assert logged.signs_reported == [flag.sign]
    assert f"Session 1: you told us about a warning sign: “{flag.sign}”" in page
    assert f"Session 1: you told us about a warning sign: “{flag.sign}”" in printout


@pytest.mark.parametrize("level", ["emergency", "urgent"])
def test_the_stop_card_names_the_warning_sign_the_runner_chose(client, started, level):
    """An audit saw the 999 card's "Why" say only "a warning sign that needs a doctor", the
    sign itself far down the page."""
    flag = RedFlag.objects.live().filter(level=level).first()
    log_session(client, started, 1, during=None, after=None, red_flag=flag.slug)

    page = client.get(log_url(started)).content.decode()

    card = page.split(f'class="care-card care-card--{level}')[1].split("</div>")[0]
    assert f"The warning sign you told us about: “{flag.sign}”" in html.unescape(card)


def test_a_warning_sign_logged_before_signs_were_kept_tells_the_clinician_to_ask(client, started):
    flag = RedFlag.objects.live().filter(level="urgent").first()
    log_session(client, started, 1, during=None, after=None, red_flag=flag.slug)
    LoggedSession.objects.update(red_flag_sign="")
    url = reverse("triage:result_summary", kwargs={"token": started.token})

    page = without_tags(client.get(url).content.decode())

    assert "recorded a warning sign that needs urgent care" in page
    assert "kept how urgent the sign was, not which one: ask the runner" in page


def test_no_sign_is_kept_for_a_session_without_one(client, started):
    log_session(client, started, 1, during=1, after=1)
    check_morning(client, started, 1, pain=1)

    assert LoggedSession.objects.get().signs_reported == []


def test_after_a_warning_sign_the_result_offers_the_log_not_a_new_start_and_is_titled_by_it(
    client, started
):
    flag = RedFlag.objects.live().filter(level="emergency").first()
    log_session(client, started, 1, during=1, after=1, red_flag=flag.slug)

    page = client.get(started.get_absolute_url()).content.decode()

    assert "Start the programme" not in page
    assert "Your programme stopped when you told your log about a warning sign" in page
    assert re.search(r"<title>\s*Call 999 or go to A&amp;E now – your result", page)


def test_a_started_log_is_opened_from_the_result_not_started_again(client, started):
    page = client.get(started.get_absolute_url()).content.decode()

    assert "Start the programme" not in page
    assert "Open your running log" in page


def test_the_log_counts_good_sessions_towards_moving_on_once_their_morning_is_checked(
    client, started
):
    def counted():
        page = without_tags(client.get(log_url(started)).content.decode())
        return re.search(r"Good sessions on this stage so far: (\d+) of (\d+)", page).groups()

    assert counted() == ("0", "3")
    log_session(client, started, 1, during=1, after=1)
    assert counted() == ("0", "3")
    check_morning(client, started, 1, pain=1)
    assert counted() == ("1", "3")


def test_the_first_session_is_not_asked_about_a_check_it_never_had(client, started):
    page = without_tags(client.get(session_url(started, 1)).content.decode())

    assert "Since your last check" not in page
    assert "Since you started the programme, has any of these started or got worse?" in page
    assert "Since you last answered" not in page


def test_later_sessions_ask_about_the_time_since_the_last_answers(client, started):
    """An audit read "(the first time: since you started the programme)" on every session."""
    log_session(client, started, 1, during=1, after=1)

    page = without_tags(client.get(session_url(started, 2)).content.decode())

    assert "Since you last answered these questions, has any of these" in page
    assert "since you started the programme" not in page.lower()


def test_the_result_page_reads_the_logged_warning_signs_once_for_its_card_title_and_link(
    client, started
):
    from unittest import mock

    with mock.patch.object(logbook.WarningsLogged, "of", wraps=logbook.WarningsLogged.of) as read:
        page = client.get(started.get_absolute_url()).content.decode()

    assert "Open your running log" in page
    assert read.call_count == 1


def test_the_calendar_link_says_the_file_holds_the_logs_private_link(client, started):
    log_session(client, started, 1, during=1, after=1)

    page = without_tags(client.get(log_url(started)).content.decode())
    calendar = client.get(reverse("running:calendar", kwargs={"token": started.token}))

    assert "anyone who can see your calendar could open your log" in page
    assert started.token in calendar.content.decode().replace("\r\n ", "")


@pytest.mark.parametrize("running", ["modify", "continue"])
def test_a_result_that_allows_running_has_no_steps_back_to_it_but_offers_the_programme(
    client, running
):
    """An audit read "You can keep running, but change how you run" followed by "Getting back
    to running: 1. Wait until everyday activities… are comfortable"; and a "keep running"
    result never offered the programme at all."""
    made = SubmissionFactory()
    made.result = {**made.result, "running": running, "disposition": "self_care"}
    made.disposition = "self_care"
    made.save()

    page = without_tags(client.get(made.get_absolute_url()).content.decode())

    assert "Getting back to running" not in page
    assert "Start the programme" in page
    assert "Your answers say you can keep running" in page


def test_a_result_that_says_stop_running_gives_the_steps_back_to_it(client, submission):
    assert submission.result["running"] == "stop"  # the factory's answers say so

    page = without_tags(client.get(submission.get_absolute_url()).content.decode())

    assert "Getting back to running" in page
    assert "For later: Back to running" in page


def test_the_result_page_opens_the_log_as_soon_as_it_is_started(client, submission):
    """An audit saw "Start the programme" on the result page minutes after starting: the page
    kept for the result was not forgotten when the log began."""
    assert "Start the programme" in client.get(submission.get_absolute_url()).content.decode()

    start(client, submission)
    page = client.get(submission.get_absolute_url()).content.decode()

    assert "Open your running log" in page
    assert "Start the programme" not in page
