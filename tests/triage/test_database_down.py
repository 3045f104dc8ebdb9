"""The questionnaire while the database is away: a walk in progress still gets its result,
worked out in memory and marked "not saved yet", and keeps every answer to save it once the
database is back; a new walk starts on the server's copy of the live version; on the small
questionnaire the factories build (``small_questionnaire``)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, ProgrammingError
from django.test import Client

from tests.triage.answers import CHECK_ANSWERS, START, walk
from triage.live import flow
from triage.models import Questionnaire, Submission
from triage.questionnaire import live_version
from triage.questionnaire.live_version import LIVE_STAMP_KEY, reset_live_questionnaire, warm
from triage.questionnaire.rulebooks import question_rows, rulebook_for

pytestmark = pytest.mark.django_db

DOWN = OperationalError("connection to server failed")


def database_down_for(model_manager_method):
    return mock.patch.object(*model_manager_method, side_effect=DOWN)


def test_a_final_submit_while_the_database_is_down_shows_the_result_not_saved_yet(small):
    client = Client()
    walk(client, small.answers, confirm=False)

    with database_down_for((Submission.objects, "bulk_create")):
        response = client.post(CHECK_ANSWERS)

    page = response.content.decode()
    assert response.status_code == 503
    assert "Your result is not saved yet." in page
    assert "See a physiotherapist or GP soon" in page
    assert Submission.objects.count() == 0
    run = flow.Run.load(flow.RunStore.for_cookie(client.cookies[flow.RUN_COOKIE].value))
    assert run.answers and not run.token  # the answers are kept, with no result yet


def test_saving_again_once_the_database_is_back_stores_the_result(small):
    client = Client()
    walk(client, small.answers, confirm=False)
    with database_down_for((Submission.objects, "bulk_create")):
        client.post(CHECK_ANSWERS)

    response = client.post(CHECK_ANSWERS)

    assert response.status_code == 302
    assert Submission.objects.get().answers == small.answers


def test_an_emergency_is_shown_in_full_even_without_the_content_in_memory(small):
    client = Client()
    walk(client, {**small.answers}, confirm=False)
    down = mock.patch("triage.live.views.result_context", side_effect=DOWN)

    with database_down_for((Submission.objects, "bulk_create")), down:
        response = client.post("/check/q/sudden-weakness/?change=1", {"answer": "yes"})

    page = response.content.decode()
    assert response.status_code == 503
    assert "Call 999 or go to A&amp;E now" in page
    assert "Your result is not saved yet." in page


def test_a_new_walk_starts_on_the_servers_copy_of_the_live_version_while_the_database_is_down(
    small,
):
    client = Client()
    client.post(START)  # this server has read the live version
    cache.set(LIVE_STAMP_KEY, "changed")  # and is due to read it again

    with database_down_for((Questionnaire.objects, "live")):
        response = Client().post(START)

    assert response.status_code == 302
    assert "/check/q/" in response.url


def test_without_the_content_in_memory_the_urgency_and_running_verdict_are_still_shown(small):
    client = Client()
    walk(client, small.answers, confirm=False)
    down = mock.patch("triage.live.views.result_context", side_effect=DOWN)

    with database_down_for((Submission.objects, "bulk_create")), down:
        response = client.post(CHECK_ANSWERS)

    page = response.content.decode()
    assert "See a physiotherapist or GP soon" in page
    assert "Running:</strong> Stop running for now." in page
    assert "Save my result" in page


def test_a_server_warmed_at_start_shows_the_start_page_through_an_outage_before_its_first_walk(
    small,
):
    """A gunicorn worker reads the live version when it starts (``live_version.warm``): one
    that had served no questionnaire page before the database stopped answered 503 in CI."""
    reset_live_questionnaire()
    live_version._live["questionnaire"] = None  # a new process: nothing read yet
    warm()
    cache.set(LIVE_STAMP_KEY, "changed")  # and due to read it again

    with database_down_for((Questionnaire.objects, "live")):
        response = Client().get(START)

    assert response.status_code == 200


def test_without_the_warm_read_the_same_page_needs_the_database():
    reset_live_questionnaire()
    live_version._live["questionnaire"] = None

    with database_down_for((Questionnaire.objects, "live")), pytest.raises(OperationalError):
        live_version.live_questionnaire()


def test_warming_a_server_whose_database_is_not_migrated_yet_does_not_stop_it():
    reset_live_questionnaire()
    not_migrated = ProgrammingError('relation "triage_questionnaire" does not exist')

    with mock.patch.object(Questionnaire.objects, "live", side_effect=not_migrated):
        warm()  # logs and returns


def a_new_process():
    """This process as a worker started now: no live version read, no rule book built."""
    live_version._live.update(stamp=None, questionnaire=None, checked=float("-inf"))
    rulebook_for.cache_clear()


def test_a_server_started_while_the_database_is_down_walks_on_the_shared_copy(
    small, django_assert_num_queries
):
    """A worker recycled during an outage answered every questionnaire page 503 (stop 40's
    notes): it reads the live version, its rule book and questions from the shared cache."""
    warm()  # another process read the live version and shared it
    a_new_process()
    client = Client()

    with database_down_for((Questionnaire.objects, "live")), django_assert_num_queries(0):
        start = client.get(START)
        first = client.post(START)
        question = client.get(first.url)
        answered = client.post(first.url, {"answer": small.answers[first.url.split("/")[-2]]})

    assert (start.status_code, first.status_code, question.status_code) == (200, 302, 200)
    assert answered.status_code == 302 and answered.url != first.url


def test_a_copy_shared_before_the_last_change_of_a_version_is_not_taken(small):
    warm()
    a_new_process()
    cache.set(LIVE_STAMP_KEY, "changed")  # a version was saved after the copy was made

    with database_down_for((Questionnaire.objects, "live")), pytest.raises(OperationalError):
        live_version.live_questionnaire()


def test_reading_a_new_stamps_version_shares_it_with_its_stamp(small):
    cache.set(LIVE_STAMP_KEY, "after-a-publish")
    live_version._live["stamp"] = None

    live_version.live_questionnaire()

    stamp, (questionnaire, rulebook, rows) = cache.get(live_version.SHARED_COPY_KEY)
    assert (stamp, questionnaire) == ("after-a-publish", small.questionnaire)
    assert rulebook == rulebook_for(small.questionnaire)
    assert rows.keys() == question_rows(small.questionnaire).keys()


def test_a_server_that_loses_the_database_before_the_rule_book_walks_on_the_shared_copy(small):
    """The version read but not its rule book: the process kept the version alone, so its
    question pages needed the database; it now keeps all three or none."""
    warm()  # another process read the live version and shared it
    a_new_process()
    rulebook_down = mock.patch("triage.questionnaire.rulebooks.build_rulebook", side_effect=DOWN)

    with rulebook_down:
        live_version.live_questionnaire()  # the version answered, then the database went
    with database_down_for((Questionnaire.objects, "live")), rulebook_down:
        client = Client()
        first = client.post(START)
        question = client.get(first.url)

    assert (first.status_code, question.status_code) == (302, 200)
