"""Walking the runner's log as a runner would: one question a page, each answer posted and
kept on the server until the last."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from running.forms import MORNING_STEPS, NO, NONE, OUTCOME_STEPS, SESSION_STEPS
from running.models import LoggedSession


def log_url(submission):
    return reverse("running:log", kwargs={"token": submission.token})


def start(client, submission, *, consent=False):
    url = reverse("running:start", kwargs={"token": submission.token})
    return client.post(url, {"consent": "yes"} if consent else {})


def step_url(url, number):
    return url if number == 1 else f"{url}?step={number}"


def walk(client, url, steps, answers):
    """Answer each page as a runner does (post the answer, go where the redirect says) until an
    answer is missing or a response does not lead to the next question; the last response (a
    refused answer's page, with its error, as the browser shows it after the redirect)."""
    response = None
    for number, question in enumerate(steps, start=1):
        if question.code not in answers:
            break
        data = {"step": number, "answer": answers[question.code]}
        response = client.post(step_url(url, number), data)
        if response.status_code == 302 and response.url == step_url(url, number):
            return client.get(response.url)  # refused: the same question, with its error
        if response.status_code != 302 or response.url != step_url(url, number + 1):
            break
    return response


def session_url(submission, number):
    return reverse("running:session", kwargs={"token": submission.token, "number": number})


def log_session(client, submission, number, *, during, after, red_flag=NONE, leg=NO):
    url = session_url(submission, number)
    answers = {"red_flag": red_flag, "pain_during": during, "pain_after": after, "leg_worse": leg}
    return walk(client, url, SESSION_STEPS, answers)


def night_passes(submission, number):
    """Session ``number`` as if logged yesterday, when it was logged today: its next-morning
    check opens only on a later day."""
    today = timezone.localdate()
    LoggedSession.objects.filter(log__submission=submission, number=number, day__gte=today).update(
        day=today - timedelta(days=1)
    )


def check_morning(client, submission, number, *, pain, red_flag=NONE, leg=NO):
    night_passes(submission, number)
    url = reverse("running:morning", kwargs={"token": submission.token, "number": number})
    answers = {"red_flag": red_flag, "next_morning": pain, "leg_worse": leg}
    return walk(client, url, MORNING_STEPS, answers)


def answer_outcome(client, submission, week, *, hard, worst):
    url = reverse("running:outcome", kwargs={"token": submission.token, "week": week})
    return walk(client, url, OUTCOME_STEPS, {"hard_activities": hard, "worst_pain": worst})
