"""A stored result's page is rendered once, yet a purged result is never shown again."""

import pytest

from tests.triage.answers import finish
from triage.models import Submission

pytestmark = pytest.mark.django_db


def test_a_second_view_of_a_result_costs_only_the_session_and_result_lookups(
    client, django_assert_num_queries
):
    url = finish(client)
    first = client.get(url)

    with django_assert_num_queries(2):
        second = client.get(url)

    assert second.content == first.content
    assert "no-store" in second["Cache-Control"]


def test_a_deleted_result_is_gone_even_when_its_page_was_cached(client):
    url = finish(client)
    client.get(url)

    Submission.objects.all().delete()

    assert client.get(url).status_code == 404
