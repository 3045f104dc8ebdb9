"""Check your answers before the result (the NHS pattern), and changing an answer from it, on the
small questionnaire the factories build (``small_questionnaire``)."""

import re

import pytest

from tests.triage.answers import CHECK_ANSWERS, run_of, walk
from triage.live.flow import RUN_COOKIE
from triage.models import Submission

pytestmark = pytest.mark.django_db


def url(code, change=False):
    return f"/check/q/{code}/" + ("?change=1" if change else "")


def walk_to_check_answers(client, answers):
    return walk(client, answers, confirm=False)


def test_the_last_answer_leads_to_check_your_answers_not_the_result(client, small):
    response = walk_to_check_answers(client, small.answers)

    assert response.url == CHECK_ANSWERS
    assert not Submission.objects.exists()


def test_check_your_answers_lists_every_answer_with_a_change_link(client, small):
    walk_to_check_answers(client, small.answers)

    page = client.get(CHECK_ANSWERS).content.decode()

    assert "How many years old are you?" in page
    assert "Pins and needles" in page
    for code in small.answers:
        assert f'href="{url(code, change=True)}"' in page


def test_confirming_the_answers_stores_the_result_and_shows_it(client, small):
    walk_to_check_answers(client, small.answers)

    response = client.post(CHECK_ANSWERS)

    submission = Submission.objects.get()
    assert response.url == submission.get_absolute_url()


def test_changing_an_answer_returns_to_check_your_answers_at_its_row(client, small):
    walk_to_check_answers(client, small.answers)

    response = client.post(url("leg-feelings", change=True), {"answer": ["nothing"]})

    assert response.url == f"{CHECK_ANSWERS}#answer-leg-feelings"
    assert 'id="answer-leg-feelings"' in client.get(CHECK_ANSWERS).content.decode()
    assert run_of(client)["answers"]["leg-feelings"] == ["nothing"]


def test_a_change_page_goes_back_to_check_your_answers(client, small):
    walk_to_check_answers(client, small.answers)

    page = client.get(url("leg-feelings", change=True)).content.decode()

    assert f'class="back-link" href="{CHECK_ANSWERS}#answer-leg-feelings"' in page
    assert 'action="/check/q/leg-feelings/?change=1"' in page


def test_a_change_that_opens_a_new_question_asks_it_then_returns(client, small):
    walk_to_check_answers(client, small.answers)

    first = client.post(url("pain-spot", change=True), {"answer": "hip"})
    second = client.post(first.url, {"answer": "yes"})

    assert first.url == url("crossed-leg-test", change=True)
    assert second.url == f"{CHECK_ANSWERS}#answer-crossed-leg-test"


def test_check_your_answers_round_trip_recomputes_the_result(client, small):
    """Change an answer after seeing the result, land back on check-your-answers, and get a
    new result computed from the changed answers."""
    walk_to_check_answers(client, small.answers)
    first_url = client.post(CHECK_ANSWERS).url
    first = Submission.objects.get()

    page = client.get(CHECK_ANSWERS).content.decode()
    changed = client.post(url("leg-feelings", change=True), {"answer": ["nothing"]})
    second_url = client.post(CHECK_ANSWERS).url

    assert f'href="{first_url}"' in page  # "you have already seen your result"
    assert changed.url == f"{CHECK_ANSWERS}#answer-leg-feelings"
    assert second_url != first_url
    second = Submission.objects.exclude(pk=first.pk).get()
    assert first.answers["leg-feelings"] == ["tingling"]
    assert second.answers["leg-feelings"] == ["nothing"]
    assert first.result["running"] == "stop"
    assert second.result["disposition"] == "self_care"


def test_confirming_twice_gives_the_same_result(client, small):
    walk_to_check_answers(client, small.answers)

    first = client.post(CHECK_ANSWERS)
    second = client.post(CHECK_ANSWERS)

    assert first.url == second.url
    assert Submission.objects.count() == 1


def test_a_final_post_that_read_the_session_before_another_finished_gives_the_same_result(
    client, small
):
    """Two final POSTs racing: the second read the run before the first saved the
    token, so it tries to store a result for the same walk, and is sent to the first."""
    walk_to_check_answers(client, small.answers)
    before = client.cookies[RUN_COOKIE].value
    first = client.post(CHECK_ANSWERS)
    client.cookies[RUN_COOKIE] = before

    second = client.post(CHECK_ANSWERS)

    assert second.url == first.url
    assert Submission.objects.count() == 1


def test_check_your_answers_before_the_end_goes_to_the_first_unanswered_question(client, small):
    client.post("/check/", {})
    client.post(url("sudden-weakness"), {"answer": "no"})

    response = client.get(CHECK_ANSWERS)

    assert response.url == url("high-temperature")


def test_check_your_answers_without_a_session_says_it_has_ended(client, small):
    response = client.get(CHECK_ANSWERS)

    assert b"Your session has ended" in response.content


def test_many_copies_of_one_checkbox_value_are_stored_once(client, small):
    answers = {**small.answers, "aggravators": ["bending"] * 990 + ["coughing"]}

    walk_to_check_answers(client, answers)

    assert run_of(client)["answers"]["aggravators"] == ["bending", "coughing"]


def test_progress_moves_one_step_at_a_time_and_never_back(client, small):
    answers = small.answers  # the pain is not near the hip: one question drops out midway
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
    assert totals[0] > totals[-1]
    assert steps[-1][0] == steps[-1][1]


def test_the_hint_comes_before_the_options(client, small):
    client.post("/check/", {})

    page = client.get(url("sudden-weakness")).content.decode()

    assert page.index('class="question-hint"') < page.index('type="radio"')
    assert page.index("<legend") < page.index('class="question-hint"')
