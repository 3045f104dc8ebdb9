"""Two reviewers press Publish at the same moment: one publishes, the other is told why not, and
nobody sees an error page. Real overlap needs a database that takes concurrent writers, so these
run on PostgreSQL (CI's second pass); SQLite takes one writer at a time."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client

from conditions.models import Condition, Status
from editorial import workflow
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer
from tests.factories import ConditionFactory
from triage.models import Questionnaire

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(requests):
    """Run each request (a function of no arguments) in its own thread, started together."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(index, request):
        try:
            barrier.wait()
            results[index] = request()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def publisher(user, draft):
    """A reviewer's browser on the draft's review page, ready to press Publish."""
    client = Client()
    client.force_login(user)
    pin = workflow.review_pin(draft)

    def press():
        response = client.post(admin_url(draft, "review"), {"_publish": "1", "reviewed": pin})
        return response.status_code, [str(m) for m in get_messages(response.wsgi_request)]

    return press


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (CI runs the suite on it): SQLite takes one writer at a time")


def test_two_reviewers_publishing_one_draft_at_once_publish_it_once(on_postgres):
    condition = ConditionFactory(summary="Live.")
    draft = workflow.open_working_draft(condition, by=make_editor())
    Condition.objects.filter(pk=draft.pk).update(summary="Reviewed.")
    presses = [publisher(make_reviewer(f"reviewer{n}"), draft) for n in range(2)]

    results = at_once(presses)

    statuses = [status for status, _messages in results]
    said = [" ".join(messages) for _status, messages in results]
    assert statuses == [302, 302]
    assert sum("is live" in text for text in said) == 1
    assert sum("someone published" in text for text in said) == 1
    assert Condition.objects.get(pk=condition.pk).summary == "Reviewed."
    assert not Condition.objects.filter(draft_of=condition).exists()


def test_two_reviewers_publishing_two_questionnaire_versions_at_once_leave_one_live(on_postgres):
    from tests.factories import small_questionnaire
    from triage.questionnaire.versions import copy_as_draft

    live = small_questionnaire().questionnaire
    drafts = [copy_as_draft(live), copy_as_draft(live)]
    presses = [publisher(make_reviewer(f"reviewer{n}"), d) for n, d in enumerate(drafts)]

    results = at_once(presses)

    assert [status for status, _messages in results] == [302, 302]
    assert Questionnaire.objects.filter(status=Status.PUBLISHED).count() == 1
    assert Questionnaire.objects.live() in drafts
    said = " ".join(" ".join(messages) for _status, messages in results)
    assert "is live" in said
    assert "Someone else published at the same moment" in said or "already live" in said
