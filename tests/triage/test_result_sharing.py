"""Sharing a result: the private link is on the page as a plain link (a script adds a copy
button), and "Change your answers" works from the link on any device: the stored answers are
opened into a new run there. On the small questionnaire the factories build."""

import re

import pytest
from django.test import Client

from tests.editorial.clinicians import make_reviewer, publish_as
from tests.triage.answers import CHECK_ANSWERS, run_of, walk
from triage.engine import scoring
from triage.live import flow
from triage.models import Option, Submission
from triage.questionnaire.versions import copy_as_draft

pytestmark = pytest.mark.django_db


def change_url(result_url):
    return result_url + "change/"


@pytest.fixture
def result_url(small):
    return walk(Client(), small.answers).url


def test_the_result_shows_its_private_link_as_a_plain_link(client, result_url):
    page = client.get(result_url).content.decode()

    address = f"http://testserver{result_url}"
    assert f'<a id="result-link" href="{address}"' in page
    assert f">{address}</a>" in page


def test_the_copy_button_is_hidden_until_its_script_shows_it(client, result_url):
    page = client.get(result_url).content.decode()

    assert re.search(r'<p class="share__copy no-print" hidden><button type="button"', page)
    assert re.search(r'<script src="/static/triage/copy-link\.js" defer></script>', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", page)


def test_the_result_draws_a_qr_code_of_its_private_link(client, result_url):
    page = client.get(result_url).content.decode()

    assert re.search(r'<figure class="share__qr"><svg aria-hidden="true"', page)


def test_change_your_answers_on_another_device_opens_the_stored_answers(small, result_url):
    other = Client()

    page = other.get(result_url).content.decode()
    response = other.post(change_url(result_url))
    check = other.get(CHECK_ANSWERS).content.decode()

    assert f'action="{change_url(result_url)}"' in page
    assert response.status_code == 302 and response.url == CHECK_ANSWERS
    assert "Your session has ended" not in check
    assert run_of(other)["answers"] == Submission.objects.get().answers


def test_confirming_the_same_answers_on_another_device_gives_the_same_result(small, result_url):
    other = Client()
    other.post(change_url(result_url))

    again = other.post(CHECK_ANSWERS)

    assert again.url == result_url
    assert Submission.objects.count() == 1


def test_changing_an_answer_on_another_device_gives_a_new_result(small, result_url):
    other = Client()
    other.post(change_url(result_url))

    other.post("/check/q/high-temperature/?change=1", {"answer": "yes"})
    changed = other.post(CHECK_ANSWERS).url

    assert changed != result_url
    assert Submission.objects.count() == 2
    assert Client().get(result_url).status_code == 200


def test_deleting_a_result_ends_the_runs_opened_from_its_link_on_every_device(small):
    first, second, third = Client(), Client(), Client()
    result_url = walk(first, small.answers).url
    second.post(change_url(result_url))
    third.post(change_url(result_url))
    cookies = [each.cookies[flow.RUN_COOKIE].value for each in (first, second, third)]

    Submission.objects.get().delete()

    assert [flow.RunStore.for_cookie(cookie).get(flow.SESSION_KEY) for cookie in cookies] == [
        None,
        None,
        None,
    ]


def test_changing_answers_needs_a_post(client, result_url):
    assert client.get(change_url(result_url)).status_code == 405


def test_changing_answers_of_an_unknown_result_is_not_found(client, small):
    response = client.post("/check/result/no-such-result-token-at-all-here/change/")

    assert response.status_code == 404
    assert flow.RUN_COOKIE not in client.cookies


def test_after_a_new_version_the_answers_that_still_fit_are_opened(small, live, result_url):
    newer = publish_as(make_reviewer(), copy_as_draft(live))
    Option.objects.filter(question__questionnaire=newer, question__code="high-temperature").delete()
    other = Client()

    response = other.post(change_url(result_url))
    run = run_of(other)

    assert run["version"] == newer.version and run["token"] == ""
    assert "high-temperature" not in run["answers"]
    assert response.url == "/check/q/high-temperature/"


def test_only_valid_answers_to_questions_still_asked_fit_a_rulebook():
    rules = scoring.RuleBook(
        version=2,
        questions=(
            scoring.Ask("age", scoring.NUMBER),
            scoring.Ask("worse", scoring.MULTIPLE, choices=(scoring.Choice("sitting"),)),
            scoring.Ask("fever", scoring.YES_NO, choices=(scoring.Choice("no"),)),
        ),
    )
    answers = {"age": 41, "worse": ["sitting", "gone"], "fever": "no", "dropped": "yes"}

    assert flow.answers_that_fit(answers=answers, rules=rules) == {"age": 41, "fever": "no"}


def test_answers_opened_on_a_new_version_go_when_their_result_is_purged(small, live, result_url):
    publish_as(make_reviewer(), copy_as_draft(live))
    other = Client()
    other.post(change_url(result_url))
    cookie = other.cookies[flow.RUN_COOKIE].value
    assert run_of(other)["answers"]

    Submission.objects.get().delete()

    assert flow.RunStore.for_cookie(cookie).get(flow.SESSION_KEY) is None
