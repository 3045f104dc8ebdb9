"""What the questionnaire keeps rendered or in memory, and what it still checks every time."""

import re

import pytest

from tests.triage.answers import finish
from triage.models import Submission

pytestmark = pytest.mark.django_db


def test_a_second_view_of_a_result_costs_only_the_session_and_result_lookups(
    client, django_assert_max_num_queries
):
    url = finish(client)
    first = client.get(url)

    with django_assert_max_num_queries(2):  # the session read is a cache hit with Redis
        second = client.get(url)

    assert second.content == first.content
    assert "no-store" in second["Cache-Control"]


def test_a_deleted_result_is_gone_even_when_its_page_was_cached(client):
    url = finish(client)
    client.get(url)

    Submission.objects.all().delete()

    assert client.get(url).status_code == 404


def test_a_question_page_reads_only_the_session_and_the_live_version(
    client, django_assert_max_num_queries
):
    client.post("/check/", {})
    client.get("/check/q/bladder-bowel/")

    with django_assert_max_num_queries(2):  # the session read is a cache hit with Redis
        response = client.get("/check/q/bladder-bowel/")

    assert response.status_code == 200


def test_a_cached_question_shows_the_earlier_answer_ticked(client):
    client.post("/check/", {})
    client.get("/check/q/bladder-bowel/")
    client.post("/check/q/bladder-bowel/", {"answer": "no"})

    html = client.get("/check/q/bladder-bowel/").content.decode()

    assert re.search(r'<input[^>]+value="no"[^>]+checked', html)
