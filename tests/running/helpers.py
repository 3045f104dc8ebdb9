"""Walking the runner's log as a runner would: one question a page, the answers so far sent
back with each page as its hidden fields."""

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


def walk(client, url, steps, answers):
    """Post each page's answer with the earlier ones, as the pages do; the last response."""
    earlier = {}
    response = None
    for page, question in enumerate(steps):
        if question.code not in answers:
            break
        response = client.post(url, {**earlier, "page": page, "answer": answers[question.code]})
        earlier[question.code] = answers[question.code]
        if response.status_code == 302:
            break
    return response


def log_session(client, submission, number, *, during, after, red_flag=NONE, leg=NO):
    url = reverse("running:session", kwargs={"token": submission.token, "number": number})
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
