"""A next-morning check opens on the day after its session: what the programme's rules read is
how the back feels after a night's rest, and checking the same evening let a runner move on
three stages' worth of sessions in minutes."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from running.forms import MORNING_STEPS, NO, NONE
from running.models import LoggedSession
from tests.factories import SubmissionFactory
from tests.running.helpers import log_session, log_url, night_passes, start, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


@pytest.fixture
def logged_today(client):
    submission = SubmissionFactory()
    start(client, submission)
    log_session(client, submission, 1, during=1, after=1)
    return submission


def morning_url(submission, number=1):
    return reverse("running:morning", kwargs={"token": submission.token, "number": number})


def test_the_morning_check_is_refused_on_the_day_of_its_session(client, logged_today):
    response = walk(
        client,
        morning_url(logged_today),
        MORNING_STEPS,
        {"red_flag": NONE, "next_morning": 0, "leg_worse": NO},
    )

    assert response.url == log_url(logged_today)
    assert any("opens tomorrow" in str(m) for m in get_messages(response.wsgi_request))
    assert LoggedSession.objects.get().next_morning is None


def test_its_pages_are_refused_on_the_day_of_the_session(client, logged_today):
    response = client.get(morning_url(logged_today))

    assert response.status_code == 302
    assert response.url == log_url(logged_today)


def test_the_log_says_when_the_morning_check_opens_and_offers_no_link_before(client, logged_today):
    page = client.get(log_url(logged_today)).content.decode()

    assert "Tomorrow morning (" in page
    assert morning_url(logged_today) not in page


def test_the_morning_after_the_check_opens_and_is_saved(client, logged_today):
    night_passes(logged_today, 1)
    assert morning_url(logged_today) in client.get(log_url(logged_today)).content.decode()

    walk(
        client,
        morning_url(logged_today),
        MORNING_STEPS,
        {"red_flag": NONE, "next_morning": 2, "leg_worse": NO},
    )

    assert LoggedSession.objects.get().next_morning == 2
