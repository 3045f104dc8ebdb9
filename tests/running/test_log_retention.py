"""A result with a runner's log is kept while the log is used: the retention days count from
the log's last save, so a runner logging for weeks reaches the 6-week questions (with a
30-day result they never could). An unused log goes with its result."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from running.models import RunnerLog
from tests.factories import SubmissionFactory
from tests.running.helpers import answer_outcome, check_morning, log_session, log_url, start
from triage.models import Submission, retention_days

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def days_ago(count):
    return timezone.now() - datetime.timedelta(days=count)


@pytest.fixture
def old_result_with_a_log(client):
    """A result made longer ago than the retention days, its log started then and last used
    five days ago."""
    submission = SubmissionFactory()
    start(client, submission)
    made = days_ago(retention_days() + 13)
    Submission.objects.filter(pk=submission.pk).update(created=made)
    RunnerLog.objects.update(created=made, last_active=days_ago(5))
    return submission


def purge():
    call_command("purge_submissions", verbosity=0)


def test_logging_a_session_keeps_an_old_result_and_its_log(client, old_result_with_a_log):
    log_session(client, old_result_with_a_log, 1, during=1, after=1)

    purge()

    assert Submission.objects.filter(pk=old_result_with_a_log.pk).exists()
    assert client.get(log_url(old_result_with_a_log)).status_code == 200


def test_the_log_says_it_is_kept_for_the_retention_days_from_its_last_save(
    client, old_result_with_a_log
):
    log_session(client, old_result_with_a_log, 1, during=1, after=1)
    kept_until = timezone.localdate() + datetime.timedelta(days=retention_days())

    page = client.get(log_url(old_result_with_a_log)).content.decode()

    assert f"deleted with it after {kept_until:%-d %B %Y}" in page


@pytest.mark.parametrize("save", ["session", "morning", "outcome"])
def test_each_kind_of_save_moves_the_logs_last_use_on(client, old_result_with_a_log, save):
    if save != "session":
        log_session(client, old_result_with_a_log, 1, during=1, after=1)
        RunnerLog.objects.update(last_active=days_ago(5))
    if save == "session":
        log_session(client, old_result_with_a_log, 1, during=1, after=1)
    elif save == "morning":
        check_morning(client, old_result_with_a_log, 1, pain=1)
    else:
        answer_outcome(client, old_result_with_a_log, 2, hard=3, worst=3)

    assert RunnerLog.objects.get().last_active > days_ago(1)


def test_the_six_week_questions_are_reached_by_a_log_still_in_use(client):
    submission = SubmissionFactory()
    start(client, submission)
    Submission.objects.filter(pk=submission.pk).update(created=days_ago(43))
    RunnerLog.objects.update(created=days_ago(43), last_active=days_ago(3))
    answer_outcome(client, submission, 2, hard=5, worst=4)

    purge()
    answer_outcome(client, submission, 6, hard=2, worst=2)

    assert sorted(RunnerLog.objects.get().outcomes.values_list("week", flat=True)) == [2, 6]


def test_a_log_unused_for_the_retention_days_goes_with_its_result(client, old_result_with_a_log):
    RunnerLog.objects.update(last_active=days_ago(retention_days() + 1))

    purge()

    assert not Submission.objects.exists()
    assert not RunnerLog.objects.exists()
    assert client.get(log_url(old_result_with_a_log)).status_code == 410
