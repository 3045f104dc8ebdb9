"""What the questionnaire keeps rendered or in memory, and what it still checks every time, on
the small questionnaire the factories build (``small_questionnaire``)."""

import re

import pytest
from django.test import Client

from tests.helpers import without_csrf_token
from tests.triage.answers import walk
from triage.models import Submission

pytestmark = pytest.mark.django_db

FIRST = "/check/q/sudden-weakness/"


def finish(client, small):
    """Walk the small questionnaire to its result; the result's URL."""
    return walk(client, small.answers).url


def test_a_second_view_of_a_result_costs_only_the_session_and_result_lookups(
    client, small, django_assert_max_num_queries
):
    url = finish(client, small)
    first = client.get(url)

    with django_assert_max_num_queries(2):  # the session read is a cache hit with Redis
        second = client.get(url)

    assert without_csrf_token(second.content) == without_csrf_token(first.content)
    assert "no-store" in second["Cache-Control"]


def test_a_deleted_result_is_gone_even_when_its_page_was_cached(client, small):
    url = finish(client, small)
    client.get(url)

    Submission.objects.all().delete()

    assert client.get(url).status_code == 410  # gone, never the cached page


def test_a_first_view_of_a_result_reads_no_content_already_read_for_another_result(
    client, small, django_assert_max_num_queries
):
    client.get(finish(client, small))  # the published content is read once
    url = finish(Client(), small)

    with django_assert_max_num_queries(2):  # the session and the result itself
        response = client.get(url)

    assert small.likely.name in response.text


def test_a_result_page_names_content_as_it_is_now_published(client, small):
    url = finish(client, small)
    exercise = small.likely.exercises.get()
    assert exercise.name in client.get(url).text

    small.likely.name = "Renamed by a reviewer"
    small.likely.save()
    exercise.delete()

    page = client.get(url).text
    assert "Renamed by a reviewer" in page
    assert exercise.name not in page
    assert "/sheet/" not in page


def test_a_question_page_reads_only_the_session_and_the_live_version(
    client, small, django_assert_max_num_queries
):
    client.post("/check/", {})
    client.get(FIRST)

    with django_assert_max_num_queries(2):  # the session read is a cache hit with Redis
        response = client.get(FIRST)

    assert response.status_code == 200


def test_a_cached_question_shows_the_earlier_answer_ticked(client, small):
    client.post("/check/", {})
    client.get(FIRST)
    client.post(FIRST, {"answer": "no"})

    html = client.get(FIRST).content.decode()

    assert re.search(r'<input[^>]+value="no"[^>]+checked', html)


def test_a_cached_result_page_never_carries_one_visitors_message_to_another(client, small):
    url = finish(client, small)
    client.post("/check/q/leg-feelings/", {"answer": ["tingling"]})  # "already finished"
    own = client.get(url).content.decode()

    other = Client().get(url).content.decode()
    again = client.get(url).content.decode()

    assert "You have already finished the questionnaire" in own
    assert "You have already finished the questionnaire" not in other
    assert "You have already finished the questionnaire" not in again


def test_a_cached_question_page_never_carries_one_visitors_message_to_another(client, small):
    client.post("/check/", {})
    own = client.get("/check/q/started/", follow=True).content.decode()  # jumping ahead
    other = Client()
    other.post("/check/", {})

    theirs = other.get(FIRST).content.decode()

    assert "Please answer the questions in order" in own
    assert "Please answer the questions in order" not in theirs


def test_a_cached_result_page_never_carries_one_visitors_host_name(client, small, settings):
    settings.ALLOWED_HOSTS = ["first.example", "second.example", "testserver"]
    url = finish(client, small)
    first = Client(HTTP_HOST="first.example").get(url).content.decode()

    second = Client(HTTP_HOST="second.example").get(url).content.decode()

    assert "first.example" in first
    assert "first.example" not in second
    assert f"http://second.example{url}" in second


def test_the_start_page_kept_in_memory_never_carries_one_visitors_host_name(small, settings):
    settings.ALLOWED_HOSTS = ["first.example", "second.example"]
    first = Client(HTTP_HOST="first.example").get("/check/").content.decode()

    second = Client(HTTP_HOST="second.example").get("/check/").content.decode()

    assert "first.example" in first
    assert "first.example" not in second
    assert '<link rel="canonical" href="http://second.example/check/">' in second


def test_each_visitor_gets_their_own_csrf_token_on_the_start_page(small):
    pages = [Client().get("/check/").content.decode() for _ in range(2)]

    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1] for page in pages]
    assert tokens[0] != tokens[1]
    assert all("triage-csrf-token-goes-here" not in page for page in pages)


def test_each_visitor_gets_their_own_csrf_token_on_a_cached_question_page(client, small):
    pages = []
    for visitor in (client, Client()):
        visitor.post("/check/", {})
        pages.append(visitor.get(FIRST).content.decode())

    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', p).group(1) for p in pages]
    assert tokens[0] != tokens[1]
    assert "triage-csrf" not in pages[0] + pages[1]


def test_a_cached_content_page_never_carries_one_visitors_host_name(settings):
    settings.ALLOWED_HOSTS = ["first.example", "second.example"]
    Client(HTTP_HOST="first.example").get("/conditions/")

    second = Client(HTTP_HOST="second.example").get("/conditions/").content.decode()

    assert "first.example" not in second
    assert "http://second.example/conditions/" in second
