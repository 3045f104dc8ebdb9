"""A result's own exercise sheet: its plan's "now" exercises with tick boxes, its "later"
ones with what each waits for, and the calendar of the "now" ones only."""

import re

import pytest
from django.test import Client
from icalendar import Calendar

from tests.triage.answers import DISC, finish
from tests.triage.test_plans import STRAIN
from triage.live.results import result_context
from triage.models import Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

# A strain that leaning back and bending forward both aggravate: some exercises now, some later.
SPLIT_PLAN = {**STRAIN, "worse": ["stretch-away", "bending-forward"]}


def sheet_of(client, answers):
    result = finish(client, answers)
    submission = Submission.objects.get(token=result.rstrip("/").rsplit("/", 1)[-1])
    return submission, client.get(f"{result}sheet/").content.decode()


def test_the_result_links_to_its_own_sheet(client):
    result = finish(client, SPLIT_PLAN)

    assert f'href="{result}sheet/"' in client.get(result).content.decode()


def test_the_sheet_holds_the_plan_as_the_result_places_it(client):
    submission, html = sheet_of(client, SPLIT_PLAN)
    context = result_context(submission)

    now, later = html.split('id="sheet-later"')
    shown_now = re.findall(r'<section class="sheet-exercise" aria-labelledby="sheet-([\w-]+)"', now)
    shown_later = re.findall(r'aria-labelledby="sheet-([\w-]+)"', later)
    assert shown_now == [planned.exercise for planned in context["plan_now"]]
    assert shown_later == [planned.exercise for planned in context["plan_later"]]
    assert shown_now and shown_later


@pytest.mark.parametrize("duration", ["under-2-weeks", "over-6-weeks"])
def test_the_sheet_heads_the_exercises_to_do_now_as_the_result_does(client, duration):
    result = finish(client, {**SPLIT_PLAN, "duration": duration})

    plan = client.get(result).content.decode().split("Your exercise plan")[1]
    sheet = client.get(f"{result}sheet/").content.decode()
    heading = re.search(r"<h3>([^<]+)</h3>", plan)[1]
    assert re.search(r'<h2 id="sheet-now"[^>]*>([^<]+)</h2>', sheet)[1] == heading


def test_only_the_exercises_to_do_now_get_tick_boxes(client):
    _submission, html = sheet_of(client, SPLIT_PLAN)

    now, later = html.split('id="sheet-later"')
    assert now.count('class="sheet-table"') == now.count('<section class="sheet-exercise"')
    assert "sheet-table" not in later and "☐" not in later


def test_each_later_exercise_says_what_to_wait_for(client):
    submission, html = sheet_of(client, SPLIT_PLAN)

    later = html.split('id="sheet-later"')[1]
    for planned in result_context(submission)["plan_later"]:
        assert f"Start once {planned.until}." in later


def test_the_calendar_link_lists_only_the_exercises_to_do_now(client):
    submission, html = sheet_of(client, SPLIT_PLAN)
    context = result_context(submission)

    link = re.search(r'href="(/exercises/sheet/calendar\.ics\?[^"]+)"', html)[1]
    events = Calendar.from_ical(client.get(link.replace("&amp;", "&")).content).walk("VEVENT")
    description = str(events[0]["description"])
    for planned in context["plan_now"]:
        assert planned.link.exercise.name in description
    for planned in context["plan_later"]:
        assert planned.link.exercise.name not in description


def test_an_emergency_result_has_no_exercises_on_its_sheet(client):
    _submission, html = sheet_of(client, {**DISC, "bladder-bowel": "yes"})

    assert "Your result has no exercises to do at the moment." in html
    assert "sheet-exercise" not in html


def test_the_sheet_of_an_unknown_result_is_not_found():
    assert Client().get("/check/result/not-a-token/sheet/").status_code == 404


def test_the_sheet_of_a_deleted_result_is_gone(client):
    submission, _html = sheet_of(client, SPLIT_PLAN)
    submission.delete()

    assert client.get(f"/check/result/{submission.token}/sheet/").status_code == 410


def test_a_results_sheet_is_never_cached(client):
    result = finish(client, SPLIT_PLAN)

    assert "no-store" in client.get(f"{result}sheet/")["Cache-Control"]
