"""The runner's log in Chromium at 375 px: two weeks of sessions (three a week) for a runner
whose pain settles and one whose next-morning pain rises, clicked one question a page, with
no axe-core violation on the start, question, log and stop pages."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conditions.models import RedFlag
from running.models import LoggedSession
from tests.factories import SubmissionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(autouse=True)
def no_lookup_limit(settings):
    """Two weeks of sessions are clicked in a minute here: far faster than the limit on
    look-ups of a result's address (which a runner logging once a day never meets)."""
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 0


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def pain_label(score):
    return re.compile(rf"^{score} – ")


def continue_(page):
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def start_from_result(page, base):
    submission = SubmissionFactory()
    page.goto(base + submission.get_absolute_url())
    page.get_by_role("link", name="Start the programme").click()
    expect(page.get_by_role("heading", name="Back to running, step by step")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Start the programme").click()
    expect(page.get_by_role("heading", name="Your return to running", level=1)).to_be_visible()
    return submission


def log_session(page, number, *, during, after, warning_sign=None, check=False, leg="No"):
    page.get_by_role("link", name=f"Log session {number}").click()
    page.get_by_label(warning_sign or "No, none of these", exact=True).check()
    continue_(page)
    if warning_sign:
        return
    page.get_by_label(pain_label(during)).check()
    if check:
        assert_no_axe_violations(page)
    continue_(page)
    page.get_by_label(pain_label(after)).check()
    continue_(page)
    expect(page.get_by_label(leg, exact=True)).to_be_in_viewport()  # on a phone's first screen
    page.get_by_label(leg, exact=True).check()
    continue_(page)


def check_morning(page, number, *, pain):
    today = datetime.date.today()  # the night passes: a morning check opens the day after
    LoggedSession.objects.filter(number=number, day__gte=today).update(
        day=today - datetime.timedelta(days=1)
    )
    page.reload()
    page.get_by_role("link", name=f"Check the morning after session {number}").click()
    page.get_by_label("No, none of these", exact=True).check()
    continue_(page)
    page.get_by_label(pain_label(pain)).check()
    continue_(page)
    page.get_by_label("No", exact=True).check()
    continue_(page)


def dated(number, days_ago):
    """Session ``number`` as if logged ``days_ago``: three a week over the last two weeks."""
    day = datetime.date.today() - datetime.timedelta(days=days_ago)
    LoggedSession.objects.filter(number=number).update(day=day)
    return day


def assert_stopped_on_a_phone(page, heading):
    """The log says to stop under ``heading``, offers no next session, fits 375 px, passes axe."""
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Log session"))).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_no_axe_violations(page)


def decision(page):
    return page.locator(".decision__heading").inner_text()


def test_a_runner_whose_pain_settles_moves_on_twice_in_two_weeks(phone_page, live_server, content):
    page = phone_page
    start_from_result(page, live_server.url)
    decisions, days = [], []
    for number, (during, after, morning) in enumerate(
        [(2, 3, 2), (2, 2, 1), (1, 2, 1), (3, 3, 2), (2, 2, 1), (1, 1, 0)], start=1
    ):
        log_session(page, number, during=during, after=after, check=number == 1)
        days.append(dated(number, days_ago=[13, 11, 9, 6, 4, 2][number - 1]))
        expect(page.locator(".decision__heading")).to_have_text("Check your back tomorrow morning")
        check_morning(page, number, pain=morning)
        decisions.append(decision(page))

    assert decisions.count("Move on to the next stage") == 2
    assert decisions[2] == decisions[5] == "Move on to the next stage"
    expect(page.get_by_text("Stage 3: Continuous easy running")).to_be_visible()
    assert page.locator("table.progress-table tbody tr").count() == 6
    shown_days = page.locator("table.progress-table tbody td:nth-of-type(1)").all_inner_texts()
    assert shown_days == [f"{day.day} {day:%b}" for day in days]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_no_axe_violations(page)
    # The sessions table fits the phone whole, the morning column included, with the
    # widest dates there are.
    LoggedSession.objects.update(day=datetime.date(2026, 8, 28))
    page.reload()
    table = page.locator(".table-scroll").first
    assert table.evaluate("region => region.scrollWidth <= region.clientWidth")


def test_a_runner_whose_mornings_get_worse_steps_back_then_stops_on_a_warning_sign(
    phone_page, live_server, content
):
    page = phone_page
    start_from_result(page, live_server.url)
    for number in (1, 2, 3):
        log_session(page, number, during=2, after=2)
        check_morning(page, number, pain=1)
    assert decision(page) == "Move on to the next stage"

    log_session(page, 4, during=3, after=3)
    check_morning(page, 4, pain=4)
    assert decision(page) == "Step back a stage"
    expect(page.get_by_text("Stage 1: Walking")).to_be_visible()
    assert_no_axe_violations(page)

    sign = RedFlag.objects.live().filter(level="urgent").order_by("order").first().sign
    log_session(page, 5, during=2, after=2, warning_sign=sign)
    stop_card = page.locator(".care-card--urgent").first
    expect(stop_card).to_contain_text("Stop the programme and get urgent advice today")
    expect(stop_card.get_by_role("link", name="Call 111")).to_be_in_viewport()
    assert_stopped_on_a_phone(page, "Stop the programme and get urgent advice today")


def test_a_runner_whose_leg_symptoms_spread_is_told_to_stop_and_see_a_physiotherapist(
    phone_page, live_server, content
):
    page = phone_page
    start_from_result(page, live_server.url)
    log_session(page, 1, during=1, after=1, leg="Yes")

    expect(page.get_by_text("Pain, numbness or tingling in a leg started")).to_be_visible()
    assert_stopped_on_a_phone(page, "Stop the programme and see a physiotherapist or GP")


def test_after_the_log_stops_the_result_leads_with_seeing_a_physiotherapist_on_a_phone(
    phone_page, live_server, content
):
    """The result said "keep running" after the log said stop (a fresh-eyes audit)."""
    page = phone_page
    start_from_result(page, live_server.url)
    log_session(page, 1, during=1, after=1, leg="Yes")

    page.get_by_role("link", name="Back to your result").click()

    card = page.locator(".log-warning")
    expect(card).to_contain_text("your running log stopped the programme")
    expect(card.get_by_role("heading")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_no_axe_violations(page)
    page.screenshot(path="test-results/result-after-log-stop-375.png")


def test_the_browsers_back_button_during_a_session_shows_the_question_before_with_its_answer(
    phone_page, live_server, content
):
    page = phone_page
    start_from_result(page, live_server.url)
    page.get_by_role("link", name="Log session 1").click()
    page.get_by_label("No, none of these", exact=True).check()
    continue_(page)
    page.get_by_label(pain_label(4)).check()
    continue_(page)

    page.go_back()

    expect(page.get_by_text("Question 2 of 4")).to_be_visible()
    expect(page.get_by_label(pain_label(4))).to_be_checked()
    page.get_by_label(pain_label(5)).check()
    continue_(page)
    page.get_by_label(pain_label(2)).check()
    continue_(page)
    page.get_by_label("No", exact=True).check()
    continue_(page)
    expect(page.get_by_role("heading", name="Your return to running", level=1)).to_be_visible()
    assert LoggedSession.objects.get().pain_during == 5


def test_back_past_a_refused_answer_shows_the_answer_given_after_it(
    phone_page, live_server, content
):
    """Chromium restores a form as it was left when Back reaches it again, unless the form
    says autocomplete="off": the question left unanswered (and refused) would show empty
    although the answer chosen after the error is kept."""
    page = phone_page
    start_from_result(page, live_server.url)
    page.get_by_role("link", name="Log session 1").click()
    page.get_by_label("No, none of these", exact=True).check()
    continue_(page)
    continue_(page)  # no answer: refused, shown again with its error
    expect(page.get_by_text("Choose one answer.").first).to_be_visible()
    page.get_by_label(pain_label(3)).check()
    continue_(page)

    page.go_back()
    page.go_back()

    expect(page.get_by_text("Question 2 of 4")).to_be_visible()
    expect(page.get_by_label(pain_label(3))).to_be_checked()


def test_the_printable_programme_has_a_print_button_that_prints(phone_page, live_server, content):
    page = phone_page
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    start_from_result(page, live_server.url)
    page.get_by_role("link", name="Print the programme").click()

    page.get_by_role("button", name="Print this page").click()

    assert page.evaluate("window.__printed") == 1
    expect(page.get_by_text("use your browser's Print command")).to_be_hidden()
    assert_no_axe_violations(page)


def test_the_result_page_shows_a_warning_sign_logged_since_first_on_a_phone(
    phone_page, live_server, content
):
    page = phone_page
    start_from_result(page, live_server.url)
    sign = RedFlag.objects.live().filter(level="urgent").order_by("order").first().sign
    log_session(page, 1, during=2, after=2, warning_sign=sign)

    page.get_by_role("link", name="Back to your result").click()

    card = page.locator(".log-warning")
    expect(card).to_contain_text("Since this result, you told your running log about a warning")
    expect(card.get_by_role("link", name="Call 111")).to_be_in_viewport()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_after_an_emergency_sign_in_the_log_the_result_and_summary_say_call_999_first(
    browser, live_server, content, width, tmp_path
):
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=width < 800)
    page = context.new_page()
    submission = start_from_result(page, live_server.url)
    sign = RedFlag.objects.live().filter(level="emergency").order_by("order").first().sign
    log_session(page, 1, during=1, after=1, warning_sign=sign)

    page.goto(live_server.url + submission.get_absolute_url())
    card = page.locator(".log-warning")
    expect(card.get_by_role("link", name="Call 999")).to_be_in_viewport()
    assert page.title().startswith("Call 999 or go to A&E now")
    expect(page.get_by_role("link", name="Start the programme")).to_have_count(0)
    page.screenshot(path=tmp_path / f"result-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(page)

    page.goto(live_server.url + submission.get_absolute_url() + "summary/")
    expect(page.get_by_role("heading", name="Since this result")).to_be_visible()
    page.screenshot(path=tmp_path / f"summary-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(page)
    context.close()
