"""The exercise sheet and its calendar file as served: what a sheet carries, and that no
query a browser or a script can send makes either of them fail."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from icalendar import Calendar

from exercises.models import Exercise
from exercises.sheet import SHEET_LIMIT

pytestmark = pytest.mark.django_db

SHEET = reverse("exercises:sheet")
CALENDAR = reverse("exercises:sheet_calendar")


def sheet_of(client, *slugs):
    return client.get(SHEET, {"e": list(slugs)}).content.decode()


@pytest.mark.usefixtures("seed")
def test_each_exercise_on_the_sheet_has_its_pictures_steps_dose_options_and_cautions(client):
    dead_bug = Exercise.objects.published().get(slug="dead-bug")

    html = sheet_of(client, "dead-bug")

    section = html.split('id="sheet-dead-bug"')[1]
    assert section.count('class="exercise-picture"') >= 2
    assert dead_bug.steps.first().text in section
    assert dead_bug.dose.capitalize() in section
    for heading in ("Easier", "Harder", "Take care"):
        assert f">{heading}</h4>" in section
    assert "Stop if pain spreads into your leg or further down it" in section


def test_the_sheet_carries_the_date_the_site_a_name_line_and_the_warning_signs(client):
    html = sheet_of(client, "dead-bug")

    assert timezone.localdate().strftime("%-d %B %Y") in html
    assert "Runner&#x27;s Back, <a" in html or "Runner's Back, <a" in html
    assert 'class="write-in"' in html
    assert 'href="tel:999"' in html and 'href="tel:111"' in html
    assert "name=" not in html.split('class="sheet-name"')[1].split("</dl>")[0]


@pytest.mark.usefixtures("seed")
def test_picked_exercises_are_all_to_do_now(client):
    html = sheet_of(client, "dead-bug", "cobra")

    assert 'id="sheet-now"' in html and 'id="sheet-later"' not in html
    assert html.count('class="sheet-table"') == 2


@pytest.mark.usefixtures("seed")
def test_the_sheet_links_a_calendar_of_its_exercises(client):
    html = sheet_of(client, "dead-bug", "nope", "cobra")

    assert f'href="{CALENDAR}?e=dead-bug&amp;e=cobra"' in html


@pytest.mark.usefixtures("seed")
def test_the_calendar_file_has_fourteen_events_listing_the_exercises_asked_for(client):
    response = client.get(CALENDAR, {"e": ["dead-bug", "cobra"]})

    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 14
    assert events[0].decoded("dtstart") == timezone.localdate()
    description = str(events[0]["description"])
    assert "Dead bug" in description and "Cobra" in description
    assert "Child" not in description


def test_a_calendar_of_no_published_exercise_is_not_found(client):
    assert client.get(CALENDAR, {"e": ["nope"]}).status_code == 404
    assert client.get(CALENDAR).status_code == 404


@pytest.mark.usefixtures("seed")
def test_duplicate_slugs_give_each_exercise_once_without_a_warning(client):
    html = sheet_of(client, "cobra", "cobra", "dead-bug")

    assert html.count('id="sheet-cobra"') == 1
    assert "could not be found" not in html


@pytest.mark.usefixtures("seed")
def test_an_empty_value_names_no_exercise_and_is_not_reported_missing(client):
    """An audit's "?e=" (a form sent with nothing ticked) was told exercises were missing."""
    html = client.get(SHEET, {"e": ["", "cobra"]}).content.decode()

    assert 'id="sheet-cobra"' in html
    assert "could not be found" not in html


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("value", ["<script>", "a b", "x" * 5000, "dead-bug/../", "é"])
def test_values_that_cannot_be_a_slug_are_left_out_with_a_message(client, value):
    response = client.get(SHEET, {"e": [value, "cobra"]})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="sheet-cobra"' in html
    assert "could not be found" in html
    assert "<script>" not in html.split("<main")[1]


def test_a_sheet_keeps_the_first_exercises_up_to_its_limit_and_says_so(client):
    slugs = list(Exercise.objects.published().values_list("slug", flat=True))
    many = slugs + [f"extra-{n}" for n in range(SHEET_LIMIT)]

    html = sheet_of(client, *many)

    assert len(re.findall(r'<section class="sheet-exercise', html)) == min(len(slugs), SHEET_LIMIT)
    assert "could not be found" in html


def test_more_values_than_django_reads_are_a_bad_request(client):
    query = "&".join(["e=cobra"] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    assert client.get(f"{SHEET}?{query}").status_code == 400
    assert client.get(f"{CALENDAR}?{query}").status_code == 400


def test_a_nul_in_the_calendar_query_is_a_bad_request(client):
    assert client.get(f"{CALENDAR}?e=%00").status_code == 400


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)  # what UTF-8 can carry
SLUGS = st.sampled_from(["dead-bug", "cobra", "side-plank", "nope"])


@hypothesis_settings(max_examples=40, deadline=None)
@given(values=st.lists(TEXT | SLUGS, max_size=30))
def test_no_query_makes_the_sheet_or_its_calendar_fail(values):
    client = Client()  # the test client raises what the view raised, so a 500 fails here

    assert client.get(SHEET, {"e": values}).status_code in (200, 400)
    assert client.get(CALENDAR, {"e": values}).status_code in (200, 400, 404)


@pytest.mark.usefixtures("seed")
def test_the_sheet_tells_browsers_what_every_public_page_does_about_keeping_it(client):
    """It had an ETag and no Cache-Control (an audit): the public pages' policy now."""
    sheet = client.get(SHEET, {"e": ["cobra"]})
    page = client.get("/exercises/")

    assert sheet["Cache-Control"] == page["Cache-Control"]
