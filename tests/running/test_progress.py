"""What a runner sees of their progress: the chart with its table, the printable programme,
and the next two weeks as a calendar file."""

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from running import charts
from running.logbook import calendar_days, state_of
from tests.factories import SubmissionFactory
from tests.running.helpers import check_morning, log_session, log_url, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


@pytest.fixture
def runner(client):
    submission = SubmissionFactory()
    start(client, submission)
    for number, (during, after, morning) in enumerate([(1, 2, 1), (2, 2, 1), (1, 1, 0)], 1):
        log_session(client, submission, number, during=during, after=after)
        check_morning(client, submission, number, pain=morning)
    log_session(client, submission, 4, during=3, after=3)
    return submission


def test_the_first_screen_shows_the_current_stage_and_the_next_session(client, runner):
    page = client.get(log_url(runner)).content.decode()
    assert page.index("Stage 2: Walk–run intervals") < page.index("Your progress")
    assert "come back to this page and tell us how your back feels after session 4" in page
    assert "Log session 5" in page


def test_the_chart_has_a_point_for_every_pain_score_and_a_table_row_for_every_session(
    client, runner
):
    page = client.get(log_url(runner)).content.decode()
    assert page.count('class="progress-chart__point') == 3 + 3 + 3 + 2
    table = page.split('<table class="progress-table">')[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 4
    assert "not yet" in table


def session_rows(page, table_class):
    table = page.split(f'<table class="{table_class}">')[1].split("</table>")[0]
    return re.findall(r'<tr><th scope="row">\d+</th>.*?</tr>', table)


def test_the_printout_shows_each_session_as_the_log_does(client, runner):
    log_page = client.get(log_url(runner)).content.decode()
    printout = client.get(log_url(runner) + "print/").content.decode()

    rows = session_rows(log_page, "progress-table")
    assert len(rows) == 4 and "not yet" in rows[-1]
    assert session_rows(printout, "progress-table print-log") == rows


def test_there_is_no_chart_before_the_first_session_and_higher_pain_is_drawn_higher(client):
    submission = SubmissionFactory()
    start(client, submission)
    assert charts.drawing(state_of(submission.running_log)) is None
    assert charts.y_of(10) < charts.y_of(3) < charts.y_of(0)


def test_the_stage_change_is_marked_on_the_chart(runner):
    drawing = charts.drawing(state_of(runner.running_log))
    assert len(drawing["stage_changes"]) == 1


def test_the_chart_names_each_stage_where_it_begins_not_under_every_session(client, runner):
    page = client.get(log_url(runner)).content.decode()
    labels = re.findall(r'<text class="progress-chart__stage"[^>]*>([^<]*)</text>', page)
    assert labels == ["Stage 1", "Stage 2"]


def columns_of(stages):
    return [{"x": charts.x_of(i, len(stages)), "stage": n} for i, n in enumerate(stages)]


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=60))
def test_stage_labels_sit_in_their_stage_never_touch_and_always_name_the_stage_now(stages):
    columns = columns_of(stages)
    labels = charts.stage_labels(columns)
    spans = {stage_start: (end, stage) for stage_start, end, stage in charts.stage_spans(columns)}

    assert labels[0] == (columns[0]["x"], stages[0])
    assert labels[-1][1] == stages[-1]
    assert all(b[0] - a[0] >= charts.LABEL_GAP for a, b in zip(labels, labels[1:], strict=False))
    for x, stage in labels:
        assert x <= charts.LABEL_LAST
        assert any(
            label_stage == stage and min(start, charts.LABEL_LAST) <= x and (end is None or x < end)
            for start, (end, label_stage) in spans.items()
        ), (x, stage)


def test_after_a_step_back_the_chart_names_the_stage_the_runner_is_back_on():
    """An audit stepped back from stage 2 to 1 and saw no label after the line: the chart read
    as still on stage 2."""
    columns = columns_of([1, 1, 1, 1, 2, 2, 1, 1])

    assert [stage for _x, stage in charts.stage_labels(columns)][-1] == 1


def test_the_printable_programme_lists_every_stage_and_session(client, runner):
    page = client.get(log_url(runner) + "print/").content.decode()
    for name in ("Walking", "Walk–run intervals", "Continuous easy running"):
        assert name in page
    assert page.count('<th scope="row">4</th>') == 1


def test_the_printable_programme_lists_the_warning_signs_its_text_points_to(client, runner):
    page = client.get(log_url(runner) + "print/").content.decode()

    assert "warning signs listed below" in page
    warnings = page.split('id="warning-signs"')[1]
    assert 'href="tel:999"' in warnings
    assert 'href="tel:111"' in warnings
    assert "bladder" in warnings


def test_the_calendar_file_holds_the_next_two_weeks_of_sessions(client, runner):
    response = client.get(log_url(runner) + "calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 6  # three sessions a week
    starts = [event.decoded("dtstart").date() for event in events]
    today = datetime.date.today()
    assert min(starts) > today and max(starts) < today + datetime.timedelta(days=15)
    assert "Walk–run intervals" in str(events[0].get("summary"))
    assert runner.token in str(events[0].get("description"))


def test_every_calendar_session_says_the_log_decides_when_the_stage_changes(client, runner):
    """The file plans two weeks on today's stage: a move on, a step back or a stop in between is
    the log's to say."""
    response = client.get(log_url(runner) + "calendar.ics")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events
    for event in events:
        assert "do what the log says instead" in str(event.get("description"))


def test_no_calendar_sessions_are_planned_once_the_programme_stops(client, runner):
    log_session(client, runner, 5, during=9, after=9)
    state = state_of(runner.running_log)
    assert calendar_days(state, today=datetime.date.today()) == []


def test_two_runners_calendar_events_never_share_an_id(client, runner):
    other = SubmissionFactory()
    start(client, other)

    def uids(submission):
        response = client.get(log_url(submission) + "calendar.ics")
        return {str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}

    first, second = uids(runner), uids(other)

    assert len(first) == 6 and len(second) == 6
    assert not first & second


def test_a_calendar_file_downloaded_again_keeps_its_event_ids(client, runner):
    def uids():
        response = client.get(log_url(runner) + "calendar.ics")
        return [str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]

    assert uids() == uids()


def drawn_points(page):
    """(x per cent, px moved across, y) of every point on the chart."""
    points = []
    for dodge, group in re.findall(r'<g transform="translate\((-?\d+) 0\)">(.*?)</g>', page, re.S):
        for x, y in re.findall(
            r'<circle class="progress-chart__point[^"]*" cx="([\d.]+)%" cy="([\d.]+)"', group
        ):
            points.append((x, int(dodge), y))
    return points


def test_equal_scores_of_one_session_are_drawn_side_by_side_not_on_top(client):
    submission = SubmissionFactory()
    start(client, submission)
    log_session(client, submission, 1, during=2, after=2)
    check_morning(client, submission, 1, pain=2)

    points = drawn_points(client.get(log_url(submission)).content.decode())

    assert len(points) == 3
    assert len(set(points)) == 3
