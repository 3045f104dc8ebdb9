"""The daily count of how far people get: only runs whose person agreed to keep the result, only
the first answer to each question, and deleted with the results; on the small questionnaire the
factories build (``small_questionnaire``)."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.utils import timezone

from tests.factories import QuestionnaireFactory
from triage.insights.report import count_reach
from triage.models import QuestionReach, retention_days

pytestmark = pytest.mark.django_db

FIRST, SECOND = "sudden-weakness", "high-temperature"  # the small questionnaire's first two


def start(client, *, consent):
    return client.post("/check/", {"consent": "on"} if consent else {})


def answer(client, code, value):
    return client.post(f"/check/q/{code}/", {"answer": value})


def reach():
    return dict(QuestionReach.objects.values_list("question_code", "count"))


def test_a_consenting_runs_first_answer_to_each_question_is_counted(client, small):
    start(client, consent=True)
    answer(client, FIRST, "no")
    answer(client, SECOND, "no")

    assert reach() == {FIRST: 1, SECOND: 1}
    assert QuestionReach.objects.get(question_code=FIRST).day == timezone.localdate()


def test_changing_an_answer_does_not_count_the_question_again(client, small):
    start(client, consent=True)
    answer(client, FIRST, "no")
    answer(client, FIRST, "no")
    client.post(f"/check/q/{FIRST}/?change=1", {"answer": "no"})

    assert reach() == {FIRST: 1}


def test_a_refused_answer_is_not_counted(client, small):
    start(client, consent=True)
    answer(client, FIRST, "maybe")

    assert reach() == {}


def test_runs_without_consent_are_never_counted(client, small):
    start(client, consent=False)
    for code in (FIRST, SECOND):
        answer(client, code, small.answers[code])

    assert not QuestionReach.objects.exists()


def test_each_consenting_run_adds_one_to_the_days_count(small):
    version = small.questionnaire

    for _ in range(3):
        count_reach(version, FIRST, consent=True)

    assert reach() == {FIRST: 3}
    assert QuestionReach.objects.count() == 1


def test_another_day_starts_its_own_count(small):
    version = small.questionnaire
    today = timezone.localdate()

    count_reach(version, FIRST, consent=True, day=today - timedelta(days=1))
    count_reach(version, FIRST, consent=True, day=today)

    assert list(QuestionReach.objects.values_list("count", flat=True)) == [1, 1]


def test_a_count_the_database_refuses_does_not_stop_the_questionnaire(client, small, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("database gone")

    monkeypatch.setattr("django.db.models.query.QuerySet.update", broken)
    start(client, consent=True)

    response = answer(client, FIRST, "no")

    assert response.status_code == 302
    assert response.url == f"/check/q/{SECOND}/"


def test_counts_are_deleted_with_the_results_of_their_days(small):
    version = small.questionnaire
    today = timezone.localdate()
    for days_ago in (retention_days() + 1, retention_days() - 1):
        count_reach(version, FIRST, consent=True, day=today - timedelta(days=days_ago))

    call_command("purge_submissions", stdout=StringIO())

    assert list(QuestionReach.objects.values_list("day", flat=True)) == [
        today - timedelta(days=retention_days() - 1)
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (CI runs the suite on it): SQLite takes one writer at a time",
)
@pytest.mark.django_db(transaction=True)
def test_counts_sent_by_many_requests_at_once_are_all_kept():
    version = QuestionnaireFactory()
    day = timezone.localdate()

    def answer_many():
        try:
            for _ in range(50):
                count_reach(version, FIRST, consent=True, day=day)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert list(QuestionReach.objects.values_list("count", flat=True)) == [400]
