"""Which version is live: each process keeps its own copy and checks it against the shared
stamp at most once every TRIAGE_LIVE_CHECK_SECONDS on questionnaire pages, and every time where
a walk starts or a result is worked out (``triage.questionnaire.live_version.live_questionnaire``)."""

import pytest

from conditions.models import Status
from core import caching
from tests.triage.answers import CHECK_ANSWERS, run_of, walk
from triage.models import Submission
from triage.questionnaire import live_version
from triage.questionnaire.versions import copy_as_draft

pytestmark = pytest.mark.django_db

FIRST = "/check/q/sudden-weakness/"


class CountingCache:
    """The real cache, counting reads of the live stamp."""

    def __init__(self, cache):
        self.cache = cache
        self.stamp_reads = 0

    def get(self, key, *args, **kwargs):
        self.stamp_reads += key == live_version.LIVE_STAMP_KEY
        return self.cache.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.fixture
def clock(monkeypatch):
    """A monotonic clock the test moves by hand."""
    now = [1000.0]
    monkeypatch.setattr(live_version.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def counted(monkeypatch):
    counting = CountingCache(caching.cache)
    monkeypatch.setattr(caching, "cache", counting)
    return counting


def replaced_by_another_server(live):
    """A new version published from another process: the shared stamp changes at once, but
    this process still holds the copy it checked a moment ago."""
    remembered = dict(live_version._live)
    newer = copy_as_draft(live)
    live.status = Status.DRAFT
    live.save()
    newer.status = Status.PUBLISHED
    newer.save()
    live_version._live.update(remembered)
    return newer


def test_question_pages_ask_the_shared_cache_at_most_once_per_interval(
    client, small, clock, counted, settings
):
    settings.TRIAGE_LIVE_CHECK_SECONDS = 1.0
    client.post("/check/", {})  # starting a walk checks the stamp
    checked_at_start = counted.stamp_reads

    for _ in range(5):
        assert client.get(FIRST).status_code == 200
    clock[0] += 1.1
    client.get(FIRST)

    assert checked_at_start == 1
    assert counted.stamp_reads == 2


def test_another_servers_publish_reaches_question_pages_within_the_interval(
    client, small, clock, settings
):
    settings.TRIAGE_LIVE_CHECK_SECONDS = 1.0
    client.post("/check/", {})
    replaced_by_another_server(small.questionnaire)

    clock[0] += 1.1
    response = client.get(FIRST)

    assert b"has been updated since you started" in response.content


def test_no_result_is_worked_out_on_a_version_another_server_has_just_replaced(
    client, small, clock, settings
):
    settings.TRIAGE_LIVE_CHECK_SECONDS = 60.0
    assert walk(client, small.answers, confirm=False).url == CHECK_ANSWERS
    replaced_by_another_server(small.questionnaire)

    response = client.post(CHECK_ANSWERS)

    assert b"has been updated since you started" in response.content
    assert not Submission.objects.exists()


def test_a_walk_started_just_after_another_servers_publish_is_on_the_new_version(
    client, small, clock, settings
):
    settings.TRIAGE_LIVE_CHECK_SECONDS = 60.0
    client.get(FIRST)  # this process has just checked which version is live
    newer = replaced_by_another_server(small.questionnaire)

    client.post("/check/", {})

    assert run_of(client)["version"] == newer.version
