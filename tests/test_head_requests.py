"""HEAD answers as GET does (the same status, no body) on every page a runner can reach with
GET: a sitemap's /check/ answered 405 to HEAD, as did every private result and log page (found
by an audit). Swept over the questionnaire's pages, a result and its views, and a runner's log."""

import pytest
from django.test import Client
from django.urls import reverse

from running.models import RunnerLog
from tests.running.helpers import log_session, start
from tests.triage.answers import DISC, walk
from triage.models import Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


@pytest.fixture(autouse=True)
def no_lookup_limit(settings):
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 0


def runner_pages(client):
    """Every GET page of a walk, its result and a started log, by name."""
    question = client.post("/check/", {}).url
    result = walk(client, DISC).url
    submission = Submission.objects.get(token=result.rstrip("/").rsplit("/", 1)[1])
    start(client, submission)
    log_session(client, submission, 1, during=1, after=1)
    assert RunnerLog.objects.filter(submission=submission).exists()
    token = {"token": submission.token}
    return {
        "start": "/check/",
        "question": question,
        "result": result,
        "summary": reverse("triage:result_summary", kwargs=token),
        "sheet": reverse("triage:result_sheet", kwargs=token),
        "fhir": reverse("triage:result_fhir", kwargs=token),
        "log": reverse("running:log", kwargs=token),
        "session": reverse("running:session", kwargs={**token, "number": 2}),
        "morning": reverse("running:morning", kwargs={**token, "number": 1}),
        "print": reverse("running:print", kwargs=token),
        "calendar": reverse("running:calendar", kwargs=token),
    }


def test_head_answers_every_runner_page_with_the_status_get_answers():
    client = Client()
    for name, url in runner_pages(client).items():
        got = client.get(url)
        head = client.head(url)

        assert got.status_code != 405, name
        assert head.status_code == got.status_code, name
