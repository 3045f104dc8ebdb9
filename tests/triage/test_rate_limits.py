"""Rate limits per client address (django-ratelimit, keyed as core/client_ip.py reads the
address) on result look-ups, guessed tokens included, and on the questionnaire's final submit;
on the small questionnaire the factories build (``small_questionnaire``)."""

import datetime
import secrets

import pytest
import time_machine
from django.test import override_settings

from tests.config.test_cache_failures import DEAD_REDIS, redis_caches
from tests.triage.answers import CHECK_ANSWERS, walk
from triage.live.flow import RUN_COOKIE
from triage.models import Submission

pytestmark = pytest.mark.django_db

VISITOR, NEIGHBOUR, PROXY = "198.51.100.7", "198.51.100.8", "127.0.0.1"


@pytest.fixture(autouse=True)
def early_in_a_minute():
    """Each test starts 5 s into a minute, the clock running: the limits count per clock
    minute, and a test that crossed into the next one saw its count start again (it failed
    once, 30 look-ups on a busy machine straddling the minute)."""
    now = datetime.datetime.now(datetime.UTC).replace(second=5, microsecond=0)
    with time_machine.travel(now, tick=True):
        yield


@pytest.fixture(autouse=True)
def limits(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 3
    settings.FINAL_SUBMITS_PER_MINUTE = 2


@pytest.fixture
def result_url(client, small):
    response = walk(client, small.answers)
    assert response.status_code == 302
    return response.url


def look_up(client, url, *, peer=VISITOR, forwarded=None):
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return client.get(url, REMOTE_ADDR=peer, headers=headers)


def guessed():
    return f"/check/result/{secrets.token_urlsafe(24)}/"


def guess(client, times, **where):
    return [look_up(client, guessed(), **where).status_code for _ in range(times)]


def test_after_30_guessed_tokens_in_a_minute_every_look_up_is_refused_and_another_address_is_not(
    client, result_url, settings
):
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 30  # the default

    misses = guess(client, 30)
    refused = look_up(client, result_url)
    elsewhere = look_up(client, result_url, peer=NEIGHBOUR)

    assert misses == [404] * 30
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "no-store" in refused["Cache-Control"]
    assert "Too many requests" in refused.content.decode()
    assert elsewhere.status_code == 200


def test_runners_behind_one_address_reading_their_results_are_never_refused(client, result_url):
    statuses = {look_up(client, result_url).status_code for _ in range(50)}

    assert statuses == {200}


def test_deleted_and_expired_results_count_as_look_ups_that_found_nothing(
    client, small, result_url, settings
):
    expired = Submission.objects.get()
    expired.created -= datetime.timedelta(days=settings.TRIAGE_RETENTION_DAYS + 1)
    expired.save()
    deleted = walk(client, small.answers).url
    Submission.objects.filter(token=deleted.strip("/").rsplit("/", 1)[-1]).delete()
    client.cookies.clear()

    gone = [look_up(client, result_url).status_code, look_up(client, deleted).status_code]
    after = look_up(client, guessed())
    refused = look_up(client, guessed())

    assert gone == [410, 410]
    assert after.status_code == 404
    assert refused.status_code == 429


def test_a_refused_look_up_does_not_tell_whether_the_result_exists(client, result_url):
    guess(client, 3)

    real, unknown = look_up(client, result_url), look_up(client, guessed())

    assert real.status_code == unknown.status_code == 429
    assert real.content == unknown.content
    assert real["Retry-After"] == unknown["Retry-After"]


def test_final_submits_are_limited_per_address(client, small):
    walk(client, small.answers, confirm=False)
    cookie = client.cookies[RUN_COOKIE].value

    statuses = []
    for _ in range(3):
        client.cookies[RUN_COOKIE] = cookie
        statuses.append(client.post(CHECK_ANSWERS, REMOTE_ADDR=VISITOR).status_code)
    client.cookies[RUN_COOKIE] = cookie
    elsewhere = client.post(CHECK_ANSWERS, REMOTE_ADDR=NEIGHBOUR)

    assert statuses == [302, 302, 429]
    assert elsewhere.status_code == 302
    assert Submission.objects.count() == 1


def test_showing_check_your_answers_is_not_a_submit(client, small):
    walk(client, small.answers, confirm=False)

    shown = [client.get(CHECK_ANSWERS, REMOTE_ADDR=VISITOR).status_code for _ in range(5)]
    submitted = client.post(CHECK_ANSWERS, REMOTE_ADDR=VISITOR)

    assert shown == [200] * 5
    assert submitted.status_code == 302


def test_behind_a_trusted_proxy_the_limit_follows_the_forwarded_address(client, result_url):
    guess(client, 3, peer=PROXY, forwarded=VISITOR)

    refused = look_up(client, result_url, peer=PROXY, forwarded=VISITOR)
    neighbour = look_up(client, result_url, peer=PROXY, forwarded=NEIGHBOUR)

    assert refused.status_code == 429
    assert neighbour.status_code == 200


def test_a_forged_forwarded_address_from_an_untrusted_peer_does_not_escape_the_limit(client):
    statuses = [
        look_up(client, guessed(), peer="203.0.113.50", forwarded=f"192.0.2.{n}").status_code
        for n in range(4)
    ]

    assert statuses == [404, 404, 404, 429]


def test_with_the_cache_unreachable_look_ups_are_answered_not_refused(client, result_url):
    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        misses = guess(client, 5)
        found = look_up(client, result_url).status_code

    assert misses == [404] * 5
    assert found == 200


def test_a_limit_of_zero_turns_it_off(client, result_url, settings):
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 0

    misses = guess(client, 5)

    assert misses == [404] * 5
    assert look_up(client, result_url).status_code == 200


@pytest.mark.parametrize("suffix", ["fhir/", "summary/", "sheet/"])
def test_the_downloads_count_guesses_and_are_refused_over_the_limit(client, result_url, suffix):
    misses = [look_up(client, f"{guessed()}{suffix}").status_code for _ in range(3)]

    refused = look_up(client, f"{result_url}{suffix}")

    assert misses == [404] * 3
    assert refused.status_code == 429
