from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from icalendar import Calendar

from exercises.sheet import calendar, sheet_exercises, tick_grid


@pytest.mark.parametrize(
    ("frequency", "columns", "boxes"),
    [
        ("Once a day", 7, 1),
        ("Twice a day", 7, 2),
        ("Two to three times a day", 7, 3),
        ("At least 2 days a week", 2, 1),
        ("3 times a week", 3, 1),
        ("Every morning", 7, 1),
    ],
)
def test_tick_grid_follows_the_frequency(frequency, columns, boxes):
    grid = tick_grid(frequency)

    assert (len(grid.columns), grid.boxes) == (columns, boxes)


def test_weekly_exercises_get_numbered_sessions_not_days():
    assert tick_grid("At least 2 days a week").columns == ["Session 1", "Session 2"]


def exercise(slug, frequency="Once a day"):
    return SimpleNamespace(
        slug=slug, name=slug.replace("-", " ").capitalize(), frequency=frequency, dose=frequency
    )


def test_only_the_exercises_to_do_now_get_a_tick_grid():
    now, later = sheet_exercises(
        now=[exercise("dead-bug")],
        later=[(exercise("cobra"), "leaning back no longer hurts")],
    )

    assert [item.grid is not None for item in now] == [True]
    assert [(item.grid, item.until) for item in later] == [(None, "leaning back no longer hurts")]


def parsed_calendar(exercises, start=date(2026, 3, 30)):
    body = calendar(
        exercises=exercises,
        start=start,
        sheet_url="https://runnersback.example/exercises/sheet/?e=dead-bug",
        host="runnersback.example",
        stamp=datetime(2026, 3, 30, 8, tzinfo=UTC),
    )
    return Calendar.from_ical(body)


def test_the_calendar_has_one_all_day_event_a_day_for_two_weeks():
    events = parsed_calendar([exercise("dead-bug")]).walk("VEVENT")

    starts = [event.decoded("dtstart") for event in events]
    assert starts == [date(2026, 3, 30) + timedelta(days=n) for n in range(14)]
    assert all(type(start) is date for start in starts)


def test_every_calendar_event_lists_each_exercise_with_its_dose_and_the_warning():
    exercises = [exercise("dead-bug", "At least 2 days a week"), exercise("cobra")]

    for event in parsed_calendar(exercises).walk("VEVENT"):
        description = str(event["description"])
        assert "Dead bug: At least 2 days a week" in description
        assert "Cobra: Once a day" in description
        assert "999" in description
        assert "runnersback.example/exercises/sheet/" in description


def test_calendar_events_have_unique_uids_that_stay_the_same_when_made_again():
    first = [str(e["uid"]) for e in parsed_calendar([exercise("dead-bug")]).walk("VEVENT")]
    again = [str(e["uid"]) for e in parsed_calendar([exercise("dead-bug")]).walk("VEVENT")]
    other = [str(e["uid"]) for e in parsed_calendar([exercise("cobra")]).walk("VEVENT")]

    assert len(set(first)) == 14
    assert first == again
    assert not set(first) & set(other)
