"""Random and malicious posts to every questionnaire step: never a 500, never a stored row; on
the small questionnaire the factories build (``small_questionnaire``)."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.models import Option, Questionnaire, Submission

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    [
        "",
        " ",
        "'; DELETE FROM triage_submission; --",
        "<script>alert(1)</script>",
        "\u202e\u0000\ufeff",
        "9" * 400,
        "-1",
        "1e9",
        "null",
        "[]",
    ]
)


def option_codes(questionnaire):
    options = Option.objects.filter(question__questionnaire=questionnaire)
    return list(options.values_list("code", flat=True).distinct())


def answers_for(questionnaire, code, valid_answer):
    """Anything but a valid answer to this question: junk, other questions' codes, nothing.
    Every option of the question itself is left out: "yes" to an emergency sign is a valid
    answer that rightly stores an emergency result."""
    valid = {*(valid_answer if isinstance(valid_answer, list) else [valid_answer])}
    valid |= set(
        Option.objects.filter(
            question__questionnaire=questionnaire, question__code=code
        ).values_list("code", flat=True)
    )
    other_codes = option_codes(questionnaire)
    foreign = st.sampled_from([c for c in other_codes if c not in valid] or ["x"])
    value = st.one_of(NASTY, foreign, st.text(max_size=50), st.text(min_size=2000, max_size=4000))
    return st.one_of(
        st.none(),
        value,
        st.lists(value, min_size=1, max_size=4),
    )


@st.composite
def bad_posts(draw, questionnaire, answers):
    """(how many questions to answer first, the question posted to, the post's data)."""
    codes = list(answers)
    depth = draw(st.integers(min_value=0, max_value=len(codes) - 1))
    target = draw(st.sampled_from(codes))
    answer = draw(answers_for(questionnaire, target, answers[target]))
    extra = draw(st.dictionaries(st.text(min_size=1, max_size=10), NASTY, max_size=2))
    payload = {**extra}
    if answer is not None:
        payload["answer"] = answer
    return depth, target, payload


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_bad_posts_to_any_step_never_fail_and_never_store(small, data):
    depth, target, payload = data.draw(bad_posts(small.questionnaire, small.answers))
    assert Questionnaire.objects.live() == small.questionnaire
    client = Client()
    client.post("/check/", {})
    for code in list(small.answers)[:depth]:
        client.post(f"/check/q/{code}/", {"answer": small.answers[code]})
    before = Submission.objects.count()

    response = client.post(f"/check/q/{target}/", payload)

    assert response.status_code < 500
    assert Submission.objects.count() == before
    assert b"<script>alert(1)</script>" not in response.content


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(token=st.text(max_size=200), code=st.text(max_size=100))
def test_random_tokens_and_question_codes_in_urls_never_fail(small, token, code):
    client = Client()
    for url in (f"/check/result/{token}/", f"/check/q/{code}/"):
        response = client.get(url)
        assert response.status_code < 500
