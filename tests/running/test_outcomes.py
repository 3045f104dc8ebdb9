"""The outcome questions at 2 and 6 weeks, and the insights page's counts of consented logs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from running import insights
from running.insights import LogRow
from running.models import Outcome, RunnerLog
from tests.editorial.clinicians import make_editor
from tests.factories import SubmissionFactory
from tests.running.helpers import answer_outcome, check_morning, log_session, log_url, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def started(client, *, consent=True, days_ago=0):
    submission = SubmissionFactory()
    start(client, submission, consent=consent)
    RunnerLog.objects.filter(submission=submission).update(
        created=timezone.now() - timedelta(days=days_ago)
    )
    return submission


def test_the_outcome_questions_are_not_asked_before_two_weeks(client):
    submission = started(client, days_ago=13)
    assert "weeks on" not in client.get(log_url(submission)).content.decode()
    answer_outcome(client, submission, 2, hard=5, worst=4)
    assert not Outcome.objects.exists()


def test_at_two_weeks_the_log_asks_and_keeps_the_answers_once(client):
    submission = started(client, days_ago=15)
    assert "2 weeks on" in client.get(log_url(submission)).content.decode()
    answer_outcome(client, submission, 2, hard=5, worst=4)
    answer_outcome(client, submission, 2, hard=1, worst=1)
    assert list(Outcome.objects.values_list("week", "hard_activities", "worst_pain")) == [(2, 5, 4)]
    assert "weeks on" not in client.get(log_url(submission)).content.decode()


def test_a_score_outside_nought_to_ten_is_refused(client):
    submission = started(client, days_ago=15)
    response = answer_outcome(client, submission, 2, hard=11, worst=4)
    assert response.status_code == 400
    assert not Outcome.objects.exists()


def test_fewer_than_five_logs_are_not_counted_as_such():
    rows = [LogRow(actions=("repeat", "move_on"), outcomes={})] * 3
    bars = insights.counts_by_outcome(rows)
    assert [bar.shown for bar in bars[:2]] == ["fewer than 5", "fewer than 5"]


def test_the_median_change_is_shown_only_for_five_logs_or_more():
    four = [LogRow(actions=(), outcomes={2: (6, 5), 6: (2, 3)})] * 4
    assert insights.median_changes(four)[0].median is None
    five = [*four, LogRow(actions=(), outcomes={2: (6, 5), 6: (5, 5)})]
    changes = insights.median_changes(five)
    assert (changes[0].median, changes[1].median) == (-4, -2)


def test_only_consented_logs_feed_the_insights(client):
    for consent in (True, True, True, True, True, False, False):
        submission = started(client, consent=consent)
        for number in (1, 2, 3):
            log_session(client, submission, number, during=1, after=1)
            check_morning(client, submission, number, pain=1)
    today = timezone.localdate()
    figures = insights.gather(start=today - timedelta(days=7), end=today)
    assert figures.total == 5
    assert [bar.count for bar in figures.outcomes.bars] == [5, 5, 0, 0]


def test_the_insights_page_has_a_return_to_running_section(client):
    client.force_login(make_editor())
    page = client.get(reverse("admin:triage_insights")).content.decode()
    assert 'id="running-logs-heading"' in page


def test_the_privacy_notice_says_what_a_runners_log_keeps_and_for_how_long(client):
    page = client.get(reverse("core:privacy")).content.decode()
    assert "return-to-running programme" in page
    assert "deleted with it" in page


def test_the_activities_question_offers_a_difficulty_scale_not_the_pain_scale(client):
    """An audit saw "How hard are running and the everyday things…?" answered on the pain
    scale ("6 – quite bad, hard to keep going")."""
    submission = started(client, days_ago=15)

    page = client.get(log_url(submission) + "weeks/2/").content.decode()

    assert "10 – you cannot do them" in page
    assert "the worst you can imagine" not in page
