"""Bad values (a NUL, bytes that are not UTF-8, a very long value) posted to every page of a
runner's log, as tests/config/test_fuzz_inputs.py sends them to the pages it can reach: a
clear answer, never a 5xx, and nothing stored."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from running.models import LoggedSession, Outcome, RunnerLog
from tests.factories import SubmissionFactory
from tests.running.helpers import log_session, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

BAD_VALUES = ["%00", "%ff%fe", "x" * 10_000]
FIELDS = ["step", "answer", "red_flag", "pain_during", "pain_after", "next_morning",
          "hard_activities", "worst_pain"]  # fmt: skip


@pytest.fixture
def runner(client):
    submission = SubmissionFactory()
    start(client, submission)
    log_session(client, submission, 1, during=1, after=1)
    RunnerLog.objects.update(created=timezone.now() - timedelta(days=15))
    return submission


@pytest.mark.parametrize("view", ["session", "morning", "outcome"])
@pytest.mark.parametrize("value", BAD_VALUES)
def test_bad_values_on_any_log_page_get_a_clear_answer_and_store_nothing(
    client, runner, view, value
):
    number = {"session": 2, "morning": 1, "outcome": 2}[view]
    key = "week" if view == "outcome" else "number"
    url = reverse(f"running:{view}", kwargs={"token": runner.token, key: number})
    body = "&".join(f"{name}={value}" for name in FIELDS)
    response = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    assert LoggedSession.objects.count() == 1
    assert LoggedSession.objects.get().next_morning is None
    assert not Outcome.objects.exists()
