"""A result always answers the current answers: whatever the order of changes, replays of an
older cookie (a lost response, a second tab) and final submits, the stored result's answers are
the answers it was worked out from, and an emergency answer always gives the emergency page; on
the small questionnaire the factories build (``small_questionnaire``)."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.triage.answers import CHECK_ANSWERS, walk
from triage.engine import scoring
from triage.live import flow
from triage.models import Submission
from triage.questionnaire.rulebooks import rulebook_for

pytestmark = pytest.mark.django_db

CHANGES = {
    "sudden-weakness": ["yes", "no"],
    "high-temperature": ["yes", "no"],
    "started": ["suddenly", "slowly"],
    "leg-feelings": [["tingling"], ["numb"], ["nothing"]],
}
STEPS = st.one_of(
    st.tuples(
        st.just("answer"),
        st.sampled_from(sorted(CHANGES)).flatmap(
            lambda code: st.tuples(st.just(code), st.sampled_from(CHANGES[code]))
        ),
    ),
    st.tuples(st.just("confirm"), st.none()),
    st.tuples(st.just("replay"), st.integers(min_value=0, max_value=20)),
)


def run_in(client):
    """The run the client's cookie holds (answers, walk, token)."""
    cookie = client.cookies.get(flow.RUN_COOKIE)
    return flow.Run.load(flow.RunStore.for_cookie(cookie.value)) if cookie else None


def check_result(client, response, rules):
    """If the response leads to a result, it is the result of the answers the run holds."""
    if response.status_code != 302 or "/check/result/" not in response.url:
        return
    token = response.url.rstrip("/").rsplit("/", 1)[-1]
    submission = Submission.objects.get(token=token)
    answers = flow.shown_answers(answers=run_in(client).answers, rules=rules)
    assert submission.answers == answers
    expected = scoring.assess(answers=answers, rules=rules).disposition
    assert submission.disposition == expected
    page = client.get(response.url).content.decode()
    if expected == scoring.EMERGENCY:
        assert "999" in page


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(STEPS, min_size=1, max_size=8))
def test_every_result_shown_is_worked_out_from_the_answers_it_was_given(small, steps):
    rules = rulebook_for(small.questionnaire)
    client = Client()
    walk(client, small.answers, confirm=False)
    cookies = [client.cookies[flow.RUN_COOKIE].value]
    for kind, value in steps:
        if kind == "replay":
            client.cookies[flow.RUN_COOKIE] = cookies[value % len(cookies)]
            continue
        if kind == "confirm":
            response = client.post(CHECK_ANSWERS)
        else:
            code, answer = value
            response = client.post(f"/check/q/{code}/?change=1", {"answer": answer})
        check_result(client, response, rules)
        if flow.RUN_COOKIE in client.cookies:
            cookies.append(client.cookies[flow.RUN_COOKIE].value)


def test_a_changed_answer_sent_with_the_cookie_from_before_the_result_gets_its_own_result(small):
    """The reported case: the final submit's response was lost, so the browser still has the
    cookie from before it; the person changes "sudden weakness" to yes and submits again."""
    client = Client()
    walk(client, small.answers, confirm=False)
    before_result = client.cookies[flow.RUN_COOKIE].value
    first = client.post(CHECK_ANSWERS)
    client.cookies[flow.RUN_COOKIE] = before_result

    changed = client.post("/check/q/sudden-weakness/?change=1", {"answer": "yes"})

    assert changed.url != first.url
    assert "999" in client.get(changed.url).content.decode()
    assert Submission.objects.count() == 2


def test_the_same_final_answers_sent_twice_give_one_result(small):
    client = Client()
    walk(client, small.answers, confirm=False)
    before_result = client.cookies[flow.RUN_COOKIE].value
    first = client.post(CHECK_ANSWERS)
    client.cookies[flow.RUN_COOKIE] = before_result

    again = client.post(CHECK_ANSWERS)

    assert again.url == first.url
    assert Submission.objects.count() == 1
