"""A session's answers wait in the questionnaire's run store between the log's question pages:
the cookie holds only a random id, and with the store down the runner is told, nothing is
stored and the log itself still opens."""

import re

import pytest
from django.test import override_settings

from running.models import LoggedSession
from tests.config.test_cache_failures import DEAD_REDIS, redis_caches
from tests.factories import SubmissionFactory
from tests.running.helpers import log_url, session_url, start, step_url
from triage.live.flow import RUN_COOKIE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

OPAQUE_ID = re.compile(r"[A-Za-z0-9_-]{43}")


@pytest.fixture
def started(client):
    submission = SubmissionFactory()
    start(client, submission)
    return submission


def test_every_run_cookie_set_while_logging_a_session_is_a_random_id(client, started):
    url = session_url(started, 1)
    values = []
    for step, answer in enumerate(["none", "3", "2", "no"], start=1):
        response = client.post(step_url(url, step), {"step": step, "answer": answer})
        values += [m.value for name, m in response.cookies.items() if name == RUN_COOKIE]
    assert values
    assert all(OPAQUE_ID.fullmatch(value) for value in values if value), values


def test_with_the_run_store_down_an_answer_is_not_lost_silently_and_nothing_is_stored(
    client, started
):
    url = session_url(started, 1)
    client.post(url, {"step": 1, "answer": "none"})

    with override_settings(CACHES=redis_caches(DEAD_REDIS, runs=True)):
        response = client.post(step_url(url, 2), {"step": 2, "answer": "3"})
        log_page = client.get(log_url(started))

    assert response.status_code == 503
    assert "Your answers cannot be kept just now" in response.content.decode()
    assert "999" in response.content.decode()
    assert not LoggedSession.objects.exists()
    assert log_page.status_code == 200
