"""The questionnaire in progress is kept on the server: the run cookie holds only a random id,
a copied cookie shows nothing once the run has ended, and deleting a result ends the run that
holds its answers. On the small questionnaire the factories build (``small_questionnaire``)."""

import re
import time

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st

from tests.config.test_cache_failures import DEAD_REDIS, redis_caches
from tests.editorial.clinicians import make_editor
from tests.triage.answers import CHECK_ANSWERS, run_of, walk
from tests.triage.authoring import preview_url
from triage.live import flow
from triage.live.flow import PREVIEW_COOKIE, RUN_COOKIE, SESSION_KEY
from triage.models import Submission

pytestmark = pytest.mark.django_db

OPAQUE_ID = re.compile(r"[A-Za-z0-9_-]{43}")


def run_cookies(response):
    return [
        morsel.value
        for name, morsel in response.cookies.items()
        if name in (RUN_COOKIE, PREVIEW_COOKIE) and morsel.value
    ]


def cookies_of_a_whole_walk(client, answers):
    """Every run cookie value the site sets while the client walks to a result and opens it."""
    seen = []
    response = client.post("/check/", {"consent": "on"})
    seen += run_cookies(response)
    while response.status_code == 302 and "/q/" in response.url:
        code = response.url.split("?")[0].rstrip("/").split("/")[-1]
        seen += run_cookies(client.get(response.url))
        response = client.post(response.url, {"answer": answers[code]})
        seen += run_cookies(response)
    seen += run_cookies(client.get(CHECK_ANSWERS))
    response = client.post(CHECK_ANSWERS)
    seen += run_cookies(response)
    seen += run_cookies(client.get(response.url))
    return seen


def holds_only_an_id(value):
    return OPAQUE_ID.fullmatch(value) is not None


def test_no_run_cookie_set_during_a_whole_walk_holds_more_than_a_random_id(small):
    values = cookies_of_a_whole_walk(Client(), small.answers)

    assert values
    assert all(holds_only_an_id(value) for value in values), values


def test_the_check_would_see_a_cookie_that_carries_the_answers():
    """The sweep above can fail: a signed cookie with the answers (as the site once set) fails."""
    signed = signing.dumps({SESSION_KEY: {"answers": {"years": 41}}}, compress=True)

    assert not holds_only_an_id(signed)


def test_the_answers_are_kept_on_the_server_under_the_cookies_id(client, small):
    walk(client, small.answers, confirm=False)

    assert run_of(client)["answers"] == small.answers


def test_the_run_cookie_is_http_only_and_same_site(client, small):
    response = client.post("/check/", {})

    cookie = response.cookies[RUN_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_an_id_the_server_never_gave_shows_no_answers_and_is_not_taken_up(client, small):
    client.cookies[RUN_COOKIE] = "A" * 43

    response = client.get(CHECK_ANSWERS)
    started = client.post("/check/", {})

    assert "Your session has ended" in response.content.decode()
    assert started.cookies[RUN_COOKIE].value != "A" * 43


def test_a_copied_cookie_shows_no_answers_once_its_result_is_purged(client, small):
    result_url = walk(client, small.answers).url
    copied = client.cookies[RUN_COOKIE].value
    Submission.objects.update(created=Submission.objects.get().created.replace(year=2000))

    call_command("purge_submissions", verbosity=0)
    other = Client()
    other.cookies[RUN_COOKIE] = copied
    response = other.get(CHECK_ANSWERS)

    assert Submission.objects.count() == 0
    assert other.get(result_url).status_code in (404, 410)
    assert "Your session has ended" in response.content.decode()
    assert flow.RunStore.for_cookie(copied).get(SESSION_KEY) is None


def test_deleting_a_result_ends_its_run_even_after_an_answer_was_changed_and_finished_again(
    client, small
):
    first = walk(client, small.answers).url
    client.post("/check/q/high-temperature/?change=1", {"answer": "yes"})
    second = client.post(CHECK_ANSWERS).url
    cookie = client.cookies[RUN_COOKIE].value

    Submission.objects.get(token=first.rstrip("/").rsplit("/", 1)[-1]).delete()

    assert second != first
    assert flow.RunStore.for_cookie(cookie).get(SESSION_KEY) is None


def test_deleting_one_result_leaves_other_peoples_runs_alone(small):
    mine, theirs = Client(), Client()
    walk(mine, small.answers)
    walk(theirs, small.answers)
    their_token = run_of(theirs)["token"]

    Submission.objects.exclude(token=their_token).delete()

    assert run_of(theirs)["answers"] == small.answers


def test_a_staff_preview_keeps_its_run_on_the_server_as_well(client, draft):
    client.force_login(make_editor())

    response = client.post(preview_url(draft))
    value = response.cookies[PREVIEW_COOKIE].value

    assert holds_only_an_id(value)
    assert flow.RunStore.for_cookie(value, PREVIEW_COOKIE).get(SESSION_KEY)["version"] == (
        draft.version
    )


def test_with_the_run_store_down_the_page_says_the_answers_cannot_be_kept(client, small):
    walk(client, small.answers, confirm=False)
    with override_settings(CACHES=redis_caches(DEAD_REDIS, runs=True)):
        response = client.get(CHECK_ANSWERS)

    page = response.content.decode()
    assert response.status_code == 503
    assert "Your answers cannot be kept just now" in page
    assert "999" in page  # the emergency signs are still there


def test_with_the_run_store_down_a_new_walk_is_told_rather_than_lost(client, small):
    with override_settings(CACHES=redis_caches(DEAD_REDIS, runs=True)):
        response = client.post("/check/", {})

    assert response.status_code == 503
    assert RUN_COOKIE not in response.cookies


def test_a_hung_run_store_costs_a_question_page_under_one_second(client, small):
    from tests.config.test_cache_failures import hung_server

    walk(client, small.answers, confirm=False)
    with hung_server() as url, override_settings(CACHES=redis_caches(url, runs=True)):
        began = time.monotonic()
        response = client.get(CHECK_ANSWERS)
        seconds = time.monotonic() - began

    print(f"\nquestion page with the run store hung: {response.status_code} in {seconds:.2f} s")
    assert response.status_code == 503
    assert seconds < 1, seconds


def test_a_purge_goes_on_when_the_run_store_is_down(client, small, caplog):
    walk(client, small.answers)
    with override_settings(CACHES=redis_caches(DEAD_REDIS, runs=True)):
        Submission.objects.all().delete()

    assert Submission.objects.count() == 0
    assert "run could not be ended" in caplog.text


def test_without_redis_runs_are_kept_in_a_database_table_of_their_own(client, small):
    tables = {
        **caches_settings(),
        "runs": {
            "BACKEND": "core.caching.UpsertDatabaseCache",
            "LOCATION": "triage_runs",
        },
    }
    with override_settings(CACHES=tables):
        call_command("createcachetable", verbosity=0)
        walk(client, small.answers, confirm=False)
        kept = caches["runs"].get(flow.stored_key(client.cookies[RUN_COOKIE].value))

    assert kept[SESSION_KEY]["answers"] == small.answers


def caches_settings():
    from django.conf import settings

    return dict(settings.CACHES)


def test_starting_again_gives_a_new_id_and_the_old_cookie_reaches_nothing(client, small):
    walk(client, small.answers, confirm=False)
    old = client.cookies[RUN_COOKIE].value

    client.post("/check/", {})
    new = client.cookies[RUN_COOKIE].value

    assert new != old
    assert flow.RunStore.for_cookie(old).get(SESSION_KEY) is None
    assert run_of(client)["answers"] == {}


@given(gaps=st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=40))
def test_a_results_index_always_outlives_the_run_it_names(gaps):
    """Writes of one run at any times (each within the run's lifetime of the one before): after
    every write the index naming the run expires no sooner than the run."""
    age = settings.SESSION_COOKIE_AGE
    now, mark, index_expires = 1_000_000.0, None, None
    for gap in gaps:
        now += gap * age  # a longer gap would have let the run expire: a new run
        if flow.index_due(mark, "run", now):
            mark, index_expires = ["run", now], now + flow.INDEX_SECONDS_PER_RUN_SECOND * age
        assert index_expires >= now + age


def test_the_invariant_check_sees_an_index_kept_no_longer_than_half_the_run(monkeypatch):
    monkeypatch.setattr(flow, "INDEX_SECONDS_PER_RUN_SECOND", 1)
    with pytest.raises(AssertionError):
        test_a_results_index_always_outlives_the_run_it_names.hypothesis.inner_test(
            gaps=[0, 0.4, 0.4]
        )


def test_answers_after_the_first_do_not_write_the_results_index_again(client, small):
    walk(client, small.answers)
    index = flow.result_index_key(Submission.objects.get().token)
    change_high_temperature(client)  # reopens the walk: the run still holds the result's answers
    flow.runs().delete(index)

    change_high_temperature(client)
    assert flow.runs().get(index) is None  # named a moment ago: not written again

    run_id = client.cookies[RUN_COOKIE].value
    kept = flow.runs().get(flow.stored_key(run_id))
    for mark in kept[flow.INDEXED_KEY].values():
        mark[1] -= settings.SESSION_COOKIE_AGE / 2  # as if named half the run's age ago
    flow.runs().set(flow.stored_key(run_id), kept)
    change_high_temperature(client)
    assert flow.runs().get(index) == [run_id]


def change_high_temperature(client):
    response = client.post("/check/q/high-temperature/?change=1", {"answer": "yes"})
    assert response.status_code == 302


def test_a_run_changed_after_its_result_is_ended_with_that_result_hours_later(client, small):
    """The run is kept two hours from its last answer; its first result's index, named at the
    finish, must not run out first while the runner goes on changing answers."""
    walk(client, small.answers)
    first = Submission.objects.get()
    change_high_temperature(client)
    cookie = client.cookies[RUN_COOKIE].value
    kept = flow.runs().get(flow.stored_key(cookie))

    assert kept[SESSION_KEY]["token"] == "" and kept[SESSION_KEY]["held"] == [first.token]
    first.delete()
    assert flow.RunStore.for_cookie(cookie).get(SESSION_KEY) is None
