"""A run cookie sent again and again (a replay) counts its walk once in the insights: once per
walk and question in the daily reach counts, and one stored result per walk and answers; on
the small questionnaire the factories build (``small_questionnaire``)."""

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.config.test_cache_failures import DEAD_REDIS, redis_caches
from tests.triage.answers import CHECK_ANSWERS, walk
from triage.insights import report
from triage.live.flow import RUN_COOKIE
from triage.models import QuestionReach, Submission

pytestmark = pytest.mark.django_db

FIRST, SECOND = "sudden-weakness", "high-temperature"  # the small questionnaire's first two


def start(client):
    client.post("/check/", {"consent": "on"})
    return client.cookies[RUN_COOKIE].value


def replay(client, cookie, code, value, times):
    for _ in range(times):
        client.cookies[RUN_COOKIE] = cookie
        response = client.post(f"/check/q/{code}/", {"answer": value})
        assert response.status_code == 302


def reach():
    return dict(QuestionReach.objects.values_list("question_code", "count"))


def test_one_cookie_replayed_fifty_times_on_a_question_counts_once(client, small):
    cookie = start(client)

    replay(client, cookie, FIRST, "no", times=50)

    assert reach() == {FIRST: 1}


def test_another_walk_on_the_same_question_counts_separately(client, small):
    first_walk = start(client)
    replay(client, first_walk, FIRST, "no", times=3)
    second_walk = start(client)

    replay(client, second_walk, FIRST, "no", times=3)

    assert reach() == {FIRST: 2}


def test_a_replayed_walk_still_counts_each_new_question_once(client, small):
    cookie = start(client)
    replay(client, cookie, FIRST, "no", times=1)
    after_first = client.cookies[RUN_COOKIE].value

    replay(client, after_first, SECOND, "no", times=10)
    replay(client, cookie, FIRST, "no", times=10)

    assert reach() == {FIRST: 1, SECOND: 1}


def test_with_the_cache_unreachable_nothing_is_counted_rather_than_counted_twice(client, small):
    cookie = start(client)
    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        replay(client, cookie, FIRST, "no", times=5)

    assert reach() == {}


def test_replaying_the_final_submit_stores_one_result_and_the_insights_count_it_once(
    client, small, settings
):
    settings.FINAL_SUBMITS_PER_MINUTE = 0  # the rate limit stops a replay sooner: not tested here
    walk(client, small.answers, consent=True, confirm=False)
    cookie = client.cookies[RUN_COOKIE].value

    for _ in range(50):
        client.cookies[RUN_COOKIE] = cookie
        assert client.post(CHECK_ANSWERS).status_code == 302

    today = timezone.localdate()
    figures = report.gather(small.questionnaire, start=today, end=today)
    assert Submission.objects.count() == 1
    assert figures.total == 1
