"""Every page of the log's questions shows its own question, and no picture of the
questionnaire's (the body map asks where the pain is; these questions do not)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from running.forms import (
    MORNING_STEPS,
    NONE,
    OUTCOME_STEPS,
    SESSION_STEPS,
    WARNING_SIGNS,
    AnswerForm,
    warning_sign_choices,
)
from running.models import RunnerLog
from running.views import live_red_flags, option_groups
from tests.factories import SubmissionFactory
from tests.running.helpers import log_session, night_passes, start, step_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

ANSWERS = {"red_flag": NONE, "pain_during": "1", "pain_after": "1", "next_morning": "1"}
ANSWERS |= {"hard_activities": "3", "worst_pain": "2"}


def question_pages(client, url, steps):
    """Each page of ``steps`` as a runner meets it: the first asked for, each next one
    reached by answering the one before and following the redirect."""
    pages = [client.get(url).content.decode()]
    for number, question in enumerate(steps[:-1], start=1):
        data = {"step": number, "answer": ANSWERS[question.code]}
        response = client.post(step_url(url, number), data, follow=True)
        pages.append(response.content.decode())
    return pages


@pytest.fixture
def submission(client):
    submission = SubmissionFactory()
    start(client, submission, consent=True)
    RunnerLog.objects.filter(submission=submission).update(
        created=timezone.now() - timedelta(days=15)
    )
    return submission


def every_question_page(client, submission):
    def url(name, **kwargs):
        return reverse(f"running:{name}", kwargs={"token": submission.token, **kwargs})

    pages = question_pages(client, url("session", number=1), SESSION_STEPS)
    log_session(client, submission, 1, during=1, after=1)
    night_passes(submission, 1)
    pages += question_pages(client, url("morning", number=1), MORNING_STEPS)
    pages += question_pages(client, url("outcome", week=2), OUTCOME_STEPS)
    return pages


def test_every_question_page_of_the_log_asks_its_own_question(client, submission):
    pages = every_question_page(client, submission)

    first_session = [question.worded(first_time=True) for question in SESSION_STEPS]
    asked = [*first_session, *MORNING_STEPS, *OUTCOME_STEPS]
    assert len(pages) == len(asked)
    for page, question in zip(pages, asked, strict=True):
        assert str(question.text) in page


def test_no_question_page_of_the_log_shows_a_picture(client, submission):
    for page in every_question_page(client, submission):
        assert "<figure" not in page
        assert "body-map" not in page


def test_the_warning_sign_question_asks_what_started_or_got_worse_not_what_was_always_true(
    client, submission
):
    """A runner who had cancer years ago, or is over 50, could otherwise only stop the
    programme at every session or answer against the truth."""
    first_page = every_question_page(client, submission)[0]

    assert "started or got worse" in first_page
    assert "such as your age or cancer in the past, does not count here" in first_page


def test_the_warning_signs_are_asked_under_their_urgency_with_none_last_after_or(
    client, submission
):
    page = every_question_page(client, submission)[0]

    emergency = page.index("Call 999 now if any of these has started or got worse:")
    urgent = page.index(
        "Get urgent advice today (a GP appointment or 111) if any of these has started or got worse:"
    )
    either = page.index('<p class="question-options__or">or</p>')
    assert emergency < page.index('value="saddle-numbness"') < urgent < either
    assert either < page.index(f'value="{NONE}"')


def test_grouping_the_warning_signs_keeps_every_answer_in_its_order(client, submission):
    flags = live_red_flags()
    form = AnswerForm(choices=warning_sign_choices(flags))

    groups = option_groups(form, WARNING_SIGNS, flags)

    shown = [choice.data["value"] for _heading, choices in groups for choice in choices]
    assert shown == [value for value, _label in warning_sign_choices(flags)]
    assert len(groups) == 3
