"""The question pages: the happy path, and every kind of bad input the issue lists, on the small
questionnaire the factories build (``small_questionnaire``), not on the seed one."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from conditions.models import Status
from core.caching import VERSION_KEY, content_version
from tests.triage.answers import run_of, walk
from triage.models import Questionnaire, Submission

pytestmark = pytest.mark.django_db

FIRST = "sudden-weakness"  # the small questionnaire's emergency sign, asked first


def url(code):
    return f"/check/q/{code}/"


def start(client, consent=False):
    return client.post("/check/", {"consent": "on"} if consent else {})


def answer(client, code, value):
    return client.post(url(code), {"answer": value})


def without(answers, code):
    return {key: value for key, value in answers.items() if key != code}


def test_start_page_explains_what_it_is_and_is_not(client, small):
    response = client.get("/check/")

    assert b"It is not a diagnosis" in response.content
    assert b"It is not for emergencies" in response.content
    assert f"Answer about {small.question_count} short questions".encode() in response.content


def test_start_page_consent_box_is_unticked(client, small):
    response = client.get("/check/")

    consent_box = re.search(
        r'<input type="checkbox" name="consent"[^>]*>', response.content.decode()
    )
    assert consent_box
    assert "checked" not in consent_box.group()


def test_starting_goes_to_the_first_red_flag_question(client, small):
    assert start(client).url == url(FIRST)


def test_question_page_uses_the_question_as_its_only_h1(client, small):
    start(client)

    content = client.get(url(FIRST)).content.decode()

    assert content.count("<h1") == 1
    assert "<legend" in content
    assert "suddenly become weak" in content.split("<h1")[1].split("</h1>")[0]


def test_question_page_shows_progress_and_a_back_link_to_the_start(client, small):
    start(client)

    content = client.get(url(FIRST)).content.decode()

    assert f"Question 1 of {small.question_count}" in content
    assert 'class="back-link" href="/check/"' in content


def test_questionnaire_pages_are_never_cached(client, small):
    start(client)

    for response in (client.get("/check/"), client.get(url(FIRST))):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_an_answer_moves_on_to_the_next_question(client, small):
    start(client)

    assert answer(client, FIRST, "no").url == url("high-temperature")


def test_back_link_keeps_the_earlier_answer(client, small):
    start(client)
    answer(client, FIRST, "no")

    content = client.get(url("high-temperature")).content.decode()
    earlier = client.get(url(FIRST)).content.decode()

    assert f'href="{url(FIRST)}"' in content
    assert re.search(r'<input[^>]+value="no"[^>]+id="id_answer_1" checked>', earlier)


def test_emergency_answer_ends_questionnaire_immediately(client, small):
    start(client)

    response = answer(client, FIRST, "yes")
    page = client.get(response.url)

    assert response.url.startswith("/check/result/")
    assert b"Call 999 or go to A&amp;E now" in page.content
    assert Submission.objects.get().disposition == "emergency"


def test_emergency_page_says_what_to_tell_them(client, small):
    start(client)

    page = client.get(answer(client, FIRST, "yes").url).content.decode()

    assert "What to tell them" in page
    assert f'<h3 id="flag-{small.emergency_flag.slug}"' in page
    assert small.emergency_flag.sign in page


def test_completing_the_questionnaire_stores_one_submission_and_shows_the_result(client, small):
    response = walk(client, small.answers)

    submission = Submission.objects.get()
    assert response.url == submission.get_absolute_url()
    assert submission.result["conditions"][0]["condition"] == small.likely.slug


def test_result_page_leads_with_the_disposition(client, small):
    page = client.get(walk(client, small.answers).url).content.decode()

    assert page.index("See a physiotherapist or GP soon") < page.index(small.likely.name)


def test_result_page_explains_conditions_with_reasons_and_links(client, small):
    page = client.get(walk(client, small.answers).url).content.decode()

    assert f'href="{small.likely.get_absolute_url()}"' in page
    assert "Coughing or sneezing hurts" in page
    assert "Strong match" in page
    assert "Possible match" in page
    assert "%" not in page.split("What your answers look most like")[1].split("Running")[0]


def test_result_page_gives_running_advice_an_exercise_sheet_and_the_disclaimer(client, small):
    page = client.get(walk(client, small.answers).url).content.decode()

    assert "Stop running for now" in page
    assert "Getting back to running" in page
    assert "/sheet/" in page
    assert "This is not a diagnosis" in page


def test_result_page_is_never_cached(client, small):
    response = client.get(walk(client, small.answers).url)

    assert "no-store" in response["Cache-Control"]


def test_consent_is_stored_with_the_submission(client, small):
    start(client, consent=True)
    answer(client, FIRST, "yes")

    assert Submission.objects.get().consent_to_keep is True


def test_submission_stores_no_personal_details():
    names = {field.name for field in Submission._meta.get_fields()}

    assert names == {
        "id",
        "token",
        "questionnaire",
        "answers",
        "result",
        "disposition",
        "consent_to_keep",
        "created",
        "walk",
        "running_log",  # running.RunnerLog, kept with it and deleted with it: no details either
    }


def test_missing_answer_redirects_to_the_question_which_shows_the_error(client, small):
    start(client)

    response = client.post(url(FIRST), {})
    page = client.get(response.url)

    content = page.content.decode()
    assert response.status_code == 302
    assert response.url == url(FIRST)
    assert page.status_code == 200
    assert 'class="error-summary"' in content
    assert 'href="#id_answer_0"' in content
    assert 'class="question-error"' in content
    assert "<title>Error:" in content


def test_the_error_shows_once_and_a_refresh_shows_the_question_again(client, small):
    start(client)
    client.post(url(FIRST), {})
    client.get(url(FIRST))

    again = client.get(url(FIRST)).content.decode()

    assert 'class="error-summary"' not in again


def test_missing_answer_stores_nothing(client, small):
    start(client)

    client.post(url(FIRST), {})

    assert run_of(client)["answers"] == {}
    assert not Submission.objects.exists()


def test_option_from_another_question_is_refused(client, small):
    start(client)

    response = answer(client, FIRST, "suddenly")

    assert b"Select one of the answers shown" in client.get(response.url).content
    assert run_of(client)["answers"] == {}


def test_none_of_these_cannot_be_combined_with_other_answers(client, small):
    walk(client, without(small.answers, "aggravators"))

    response = client.post(url("aggravators"), {"answer": ["bending", "nothing"]}, follow=True)

    assert b"cannot be chosen together" in response.content


def test_number_out_of_range_is_refused_with_the_range(client, small):
    walk(client, without(small.answers, "years"))

    response = client.post(url("years"), {"answer": "500"}, follow=True)

    assert b"Enter a number from 16 to 99" in response.content
    assert not Submission.objects.exists()


def test_a_number_left_empty_is_asked_for(client, small):
    """ "Enter a whole number" alone did not say the age was missing (a fresh-eyes audit)."""
    walk(client, without(small.answers, "years"))

    response = client.post(url("years"), {"answer": ""}, follow=True)

    assert b"This question needs an answer: enter a whole number" in response.content


def test_unknown_question_is_404_with_a_clear_message(client, small):
    start(client)

    response = client.get(url("made-up-question"))

    assert response.status_code == 404
    assert b"Question not found" in response.content


def test_jumping_ahead_by_url_goes_back_to_the_first_unanswered_question(client, small):
    start(client)
    answer(client, FIRST, "no")

    response = client.post(url("started"), {"answer": "suddenly"})

    assert response.url == url("high-temperature")
    assert "started" not in run_of(client)["answers"]


def test_jumping_ahead_explains_why(client, small):
    start(client)

    response = client.get(url("started"), follow=True)

    assert b"Please answer the questions in order" in response.content


def test_question_hidden_by_earlier_answers_cannot_be_opened(client, small):
    walk(client, small.answers, confirm=False)  # the pain is in the middle, not near the hip

    response = client.get(url("crossed-leg-test"), follow=True)

    assert b"does not apply to your answers" in response.content


def test_reposting_a_finished_questionnaire_redirects_to_its_result(client, small):
    result_url = walk(client, small.answers).url

    response = answer(client, "leg-feelings", ["tingling"])

    assert response.url == result_url
    assert Submission.objects.count() == 1


def test_reposting_a_finished_questionnaire_says_so(client, small):
    walk(client, small.answers)

    response = client.post(url("leg-feelings"), {"answer": ["tingling"]}, follow=True)

    assert b"You have already finished the questionnaire" in response.content


@pytest.mark.parametrize("asked", ["check_answers", "a question"])
def test_after_an_emergency_stop_going_back_leads_to_the_result_with_one_true_message(
    client, small, asked
):
    start(client)
    result = answer(client, FIRST, "yes")
    target = url("leg-feelings") if asked == "a question" else reverse("triage:check_answers")

    response = client.get(target, follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == result.url
    assert "You have already finished the questionnaire, so here is your result." in page
    assert "Please answer every question first" not in page
    assert "Change links" not in page


def test_tampered_token_is_404_with_a_clear_message(client):
    response = client.get("/check/result/not-a-real-token-at-all/")

    assert response.status_code == 404
    assert b"Result not found" in response.content


def test_expired_session_shows_a_message_and_a_restart_link(client, small):
    response = client.get(url(FIRST))

    assert b"Your session has ended" in response.content
    assert b'href="/check/"' in response.content


def test_posting_after_the_session_expired_stores_nothing(client, small):
    response = answer(client, FIRST, "yes")

    assert b"Your session has ended" in response.content
    assert not Submission.objects.exists()


def test_a_new_live_version_mid_run_asks_to_start_again(client, small):
    start(client)
    live = small.questionnaire
    live.version += 1
    live.save()

    response = client.get(url(FIRST))

    assert b"has been updated since you started" in response.content


def test_without_a_live_questionnaire_the_checker_is_unavailable(client, small):
    Questionnaire.objects.update(status=Status.DRAFT)

    response = client.get("/check/")

    assert response.status_code == 503
    assert b'<a class="call-button call-button--emergency" href="tel:999">' in response.content


def test_refreshing_a_question_after_answering_it_changes_nothing(client, small):
    start(client)
    answer(client, FIRST, "no")

    client.get(url(FIRST))

    assert run_of(client)["answers"] == {FIRST: "no"}


def test_saving_a_submission_does_not_clear_the_public_page_cache(client, small):
    version = content_version()

    walk(client, small.answers)

    assert cache.get(VERSION_KEY) == version


def test_a_tampered_run_cookie_counts_as_no_run(client, small):
    from triage.live.flow import RUN_COOKIE

    start(client)
    client.cookies[RUN_COOKIE] = client.cookies[RUN_COOKIE].value[:-2] + "xx"

    response = client.get(url(FIRST))

    assert b"Your session has ended" in response.content


def test_answers_are_kept_in_the_browser_not_on_the_server_until_the_result(client, small):
    from django.contrib.sessions.models import Session

    start(client)
    answer(client, FIRST, "no")
    answer(client, "high-temperature", "no")

    assert run_of(client)["answers"] == {FIRST: "no", "high-temperature": "no"}
    assert not Session.objects.exists()
    assert not Submission.objects.exists()


def test_an_urgent_result_leads_with_what_to_do_today_and_never_reassures(client, small):
    answers = {**small.answers, "high-temperature": "yes"}

    page = client.get(walk(client, answers).url).content.decode()

    main = page.split('id="main-content"')[1]
    assert main.index("What to do today") < main.index("Why")
    assert "does not mean anything is seriously wrong" not in page
    assert "do not suggest you need to see anyone" not in page
    assert "Getting back to running" not in page


def test_the_emergency_page_starts_with_a_999_call_button(client, small):
    start(client)

    page = client.get(answer(client, FIRST, "yes").url).content.decode()

    main = page.split('id="main-content"')[1]
    assert main.index('href="tel:999"') < main.index("What to tell them")


def test_an_urgent_result_puts_a_111_call_button_above_what_to_do_today(client, small):
    answers = {**small.answers, "high-temperature": "yes"}

    page = client.get(walk(client, answers).url).content.decode()

    main = page.split('id="main-content"')[1]
    button = main.index('class="call-button call-button--urgent" href="tel:111"')
    assert button < main.index("What to do today") < main.index("Why")


@pytest.mark.parametrize(
    ("picture", "shown"),
    [("body-map", "diagram--body-map"), ("figure-four", "triage/figure-four.svg")],
)
def test_a_question_shows_the_picture_a_clinician_chose_whatever_its_code(
    client, small, picture, shown
):
    small.questionnaire.questions.filter(code="pain-spot").update(picture=picture)
    walk(client, without(small.answers, "pain-spot"))

    html = client.get(url("pain-spot")).content.decode()

    assert shown in html


def test_a_question_without_a_chosen_picture_shows_none(client, small):
    walk(client, without(small.answers, "pain-spot"))

    html = client.get(url("pain-spot")).content.decode()

    assert "<figure" not in html
