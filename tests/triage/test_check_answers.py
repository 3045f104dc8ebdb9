"""Check your answers before the result (the NHS pattern), and changing an answer from it."""

import re

import pytest

from tests.triage.answers import CHECK_ANSWERS, DISC, run_of
from triage.flow import RUN_COOKIE
from triage.models import Submission

pytestmark = pytest.mark.django_db


def url(code, change=False):
    return f"/check/q/{code}/" + ("?change=1" if change else "")


def walk_to_check_answers(client, answers=DISC):
    response = client.post("/check/", {})
    while "/q/" in response.url:
        code = response.url.split("?")[0].rstrip("/").split("/")[-1]
        response = client.post(response.url, {"answer": answers[code]})
    return response


def test_the_last_answer_leads_to_check_your_answers_not_the_result(client):
    response = walk_to_check_answers(client)

    assert response.url == CHECK_ANSWERS
    assert not Submission.objects.exists()


def test_check_your_answers_lists_every_answer_with_a_change_link(client):
    walk_to_check_answers(client)

    page = client.get(CHECK_ANSWERS).content.decode()

    assert "How old are you?" in page
    assert "Pins and needles or tingling" in page
    for code in DISC:
        assert f'href="{url(code, change=True)}"' in page


def test_confirming_the_answers_stores_the_result_and_shows_it(client):
    walk_to_check_answers(client)

    response = client.post(CHECK_ANSWERS)

    submission = Submission.objects.get()
    assert response.url == submission.get_absolute_url()


def test_changing_an_answer_returns_to_check_your_answers(client):
    walk_to_check_answers(client)

    response = client.post(url("nerve", change=True), {"answer": ["none"]})

    assert response.url == CHECK_ANSWERS
    assert run_of(client)["answers"]["nerve"] == ["none"]


def test_a_change_page_goes_back_to_check_your_answers(client):
    walk_to_check_answers(client)

    page = client.get(url("nerve", change=True)).content.decode()

    assert f'class="back-link" href="{CHECK_ANSWERS}"' in page
    assert 'action="/check/q/nerve/?change=1"' in page


def test_a_change_that_opens_a_new_question_asks_it_then_returns(client):
    walk_to_check_answers(client)

    first = client.post(url("where", change=True), {"answer": ["one-side", "buttock"]})
    second = client.post(first.url, {"answer": "yes"})

    assert first.url == url("figure-four", change=True)
    assert second.url == CHECK_ANSWERS


def test_check_your_answers_round_trip_recomputes_the_result(client):
    """Change an answer after seeing the result, land back on check-your-answers, and get a
    new result computed from the changed answers."""
    walk_to_check_answers(client)
    first_url = client.post(CHECK_ANSWERS).url
    first = Submission.objects.get()

    page = client.get(CHECK_ANSWERS).content.decode()
    changed = client.post(url("nerve", change=True), {"answer": ["none"]})
    second_url = client.post(CHECK_ANSWERS).url

    assert f'href="{first_url}"' in page  # "you have already seen your result"
    assert changed.url == CHECK_ANSWERS
    assert second_url != first_url
    second = Submission.objects.exclude(pk=first.pk).get()
    assert first.answers["nerve"] == ["pins-needles"]
    assert second.answers["nerve"] == ["none"]
    assert first.result["running"] == "stop"
    assert second.result["disposition"] == "self_care"


def test_confirming_twice_gives_the_same_result(client):
    walk_to_check_answers(client)

    first = client.post(CHECK_ANSWERS)
    second = client.post(CHECK_ANSWERS)

    assert first.url == second.url
    assert Submission.objects.count() == 1


def test_a_final_post_that_read_the_session_before_another_finished_gives_the_same_result(
    client,
):
    """Two final POSTs racing: the second read the run before the first saved the
    token, so it tries to store a result for the same walk, and is sent to the first."""
    walk_to_check_answers(client)
    before = client.cookies[RUN_COOKIE].value
    first = client.post(CHECK_ANSWERS)
    client.cookies[RUN_COOKIE] = before

    second = client.post(CHECK_ANSWERS)

    assert second.url == first.url
    assert Submission.objects.count() == 1


def test_check_your_answers_before_the_end_goes_to_the_first_unanswered_question(client):
    client.post("/check/", {})
    client.post(url("bladder-bowel"), {"answer": "no"})

    response = client.get(CHECK_ANSWERS)

    assert response.url == url("saddle-numbness")


def test_check_your_answers_without_a_session_says_it_has_ended(client):
    response = client.get(CHECK_ANSWERS)

    assert b"Your session has ended" in response.content


def test_many_copies_of_one_checkbox_value_are_stored_once(client):
    response = client.post("/check/", {})
    while "/q/" in response.url:
        code = response.url.rstrip("/").split("/")[-1]
        value = ["sitting"] * 990 + ["cough-sneeze"] if code == "worse" else DISC[code]
        response = client.post(response.url, {"answer": value})

    assert run_of(client)["answers"]["worse"] == ["sitting", "cough-sneeze"]


def test_progress_moves_one_step_at_a_time_and_never_back(client):
    answers = {**DISC, "where": ["buttock", "thigh"], "figure-four": "yes"}
    response = client.post("/check/", {})
    steps = []
    while "/q/" in response.url:
        page = client.get(response.url).content.decode()
        position, total = map(int, re.search(r"Question (\d+) of (\d+)", page).groups())
        steps.append((position, total))
        code = response.url.rstrip("/").split("/")[-1]
        response = client.post(response.url, {"answer": answers[code]})

    positions = [position for position, _ in steps]
    totals = [total for _, total in steps]
    assert positions == list(range(1, len(steps) + 1))
    assert totals == sorted(totals, reverse=True)
    assert steps[-1][0] == steps[-1][1]


def test_the_hint_comes_before_the_options(client):
    client.post("/check/", {})

    page = client.get(url("bladder-bowel")).content.decode()

    assert page.index('class="question-hint"') < page.index('type="radio"')
    assert page.index("<legend") < page.index('class="question-hint"')
