"""Rate limits per client address (django-ratelimit, keyed as core/client_ip.py reads the
address) on result look-ups, guessed tokens included, and on the questionnaire's final submit;
on the small questionnaire the factories build (``small_questionnaire``)."""

import secrets

import pytest
from django.test import override_settings

from tests.config.test_cache_failures import DEAD_REDIS, redis_caches
from tests.triage.answers import CHECK_ANSWERS, walk
from triage.live.flow import RUN_COOKIE
from triage.models import Submission

pytestmark = pytest.mark.django_db

VISITOR, NEIGHBOUR, PROXY = "198.51.100.7", "198.51.100.8", "127.0.0.1"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.RESULT_LOOKUPS_PER_MINUTE = 3
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


def test_the_31st_result_look_up_in_a_minute_is_refused_and_another_address_is_not(
    client, result_url, settings
):
    settings.RESULT_LOOKUPS_PER_MINUTE = 30  # the default

    answered = [look_up(client, result_url).status_code for _ in range(30)]
    refused = look_up(client, result_url)
    elsewhere = look_up(client, result_url, peer=NEIGHBOUR)

    assert answered == [200] * 30
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "no-store" in refused["Cache-Control"]
    assert "Too many requests" in refused.content.decode()
    assert elsewhere.status_code == 200


def test_guessed_tokens_count_toward_the_limit_like_real_ones(client, result_url):
    misses = [look_up(client, guessed()).status_code for _ in range(3)]

    real = look_up(client, result_url)

    assert misses == [404] * 3
    assert real.status_code == 429


def test_a_refused_look_up_does_not_tell_whether_the_result_exists(client, result_url):
    for _ in range(3):
        look_up(client, guessed())

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
    for _ in range(3):
        look_up(client, result_url, peer=PROXY, forwarded=VISITOR)

    refused = look_up(client, result_url, peer=PROXY, forwarded=VISITOR)
    neighbour = look_up(client, result_url, peer=PROXY, forwarded=NEIGHBOUR)

    assert refused.status_code == 429
    assert neighbour.status_code == 200


def test_a_forged_forwarded_address_from_an_untrusted_peer_does_not_escape_the_limit(
    client, result_url
):
    statuses = [
        look_up(client, result_url, peer="203.0.113.50", forwarded=f"192.0.2.{n}").status_code
        for n in range(4)
    ]

    assert statuses == [200, 200, 200, 429]


def test_with_the_cache_unreachable_look_ups_are_answered_not_refused(client, result_url):
    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        statuses = [look_up(client, result_url).status_code for _ in range(5)]

    assert statuses == [200] * 5


def test_a_limit_of_zero_turns_it_off(client, result_url, settings):
    settings.RESULT_LOOKUPS_PER_MINUTE = 0

    statuses = [look_up(client, result_url).status_code for _ in range(5)]

    assert statuses == [200] * 5


def test_the_fhir_download_and_the_summary_count_as_result_look_ups(client, result_url):
    for suffix in ("", "fhir/", "summary/"):
        assert look_up(client, f"{result_url}{suffix}").status_code == 200

    assert look_up(client, f"{result_url}fhir/").status_code == 429
