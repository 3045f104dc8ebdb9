"""`make bench`'s "log a session" script posts what a runner's browser posts: its answers,
one request a question, save a session."""

import re
from pathlib import Path

import pytest

from bench.runner_log import LOG_SCRIPT, QUESTIONS
from running.forms import SESSION_STEPS
from running.models import LoggedSession
from tests.factories import SubmissionFactory
from tests.running.helpers import session_url, start

SCRIPT = Path(LOG_SCRIPT).read_text()
ANSWERS = re.findall(r'"([^"]*)"', re.search(r"local ANSWERS = \{([^}]*)\}", SCRIPT).group(1))


def test_the_script_answers_every_question_of_a_session():
    assert len(ANSWERS) == QUESTIONS == len(SESSION_STEPS)


@pytest.mark.django_db
@pytest.mark.usefixtures("seed")
def test_the_scripts_requests_save_one_session_with_a_redirect_each(client):
    submission = SubmissionFactory()
    start(client, submission)
    for step, answer in enumerate(ANSWERS, start=1):
        url = f"{session_url(submission, 1)}?step={step}"
        assert client.post(url, {"step": step, "answer": answer}).status_code == 302
    assert LoggedSession.objects.get().pain_after == 1
