"""The figures of the insights page: pure functions on plain rows, and ``gather`` reading only
the results kept with consent; on the small questionnaire the factories build
(``small_questionnaire``)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conditions.urgency import Urgency
from tests.factories import SubmissionFactory
from triage.insights import charts, report
from triage.insights.report import Bar, Kept
from triage.models import QuestionReach
from triage.questionnaire.rulebooks import question_rows, rulebook_for
from triage.questionnaire.versions import copy_as_draft

DAY = date(2026, 11, 20)
EMERGENCY = {"sudden-weakness": "yes"}  # the small questionnaire's first question


def kept(disposition="soon", top="", answers=None, day=DAY):
    return Kept(day=day, disposition=disposition, top=top, answers=answers or {})


def counts(bars):
    return {bar.label: bar.count for bar in bars}


@pytest.fixture
def version(small):
    return small.questionnaire


@pytest.fixture
def rules(version):
    return rulebook_for(version)


@pytest.fixture
def rows(version):
    return question_rows(version)


def chart_for(charts, code):
    return next(chart for chart in charts if chart.key == f"q-{code}")


def test_dispositions_are_counted_once_each_with_the_clinicians_words_most_urgent_first():
    bars = report.counts_by_disposition(
        [kept("urgent"), kept("soon"), kept("soon"), kept("emergency")]
    )

    assert [bar.label for bar in bars] == [str(label) for _, label in Urgency.choices]
    assert counts(bars) == {
        "Emergency: call 999 or go to A&E now": 1,
        "Urgent: same-day GP appointment or NHS 111": 1,
        "See a physiotherapist or GP soon": 2,
        "Look after it yourself": 0,
    }


def test_top_conditions_are_named_most_often_first_and_no_condition_comes_last():
    rows = [kept(top="less-often")] * 6 + [kept(top="often")] * 7 + [kept(top="")] * 9

    bars = report.counts_by_top_condition(
        rows, names={"less-often": "Less often shown", "often": "Often shown"}
    )

    assert [(bar.label, bar.count) for bar in bars] == [
        ("Often shown", 7),
        ("Less often shown", 6),
        ("No condition shown", 9),
    ]
    assert bars[0].percent == 32  # 7 of 22


def test_each_result_counts_in_its_own_seven_day_span():
    start, end = date(2026, 11, 1), date(2026, 11, 21)
    rows = [kept(day=date(2026, 11, 1)), kept(day=date(2026, 11, 7)), kept(day=date(2026, 11, 8))]

    bars = report.counts_by_week(rows, start=start, end=end, kept_since=start)

    assert [bar.count for bar in bars] == [2, 1, 0]
    assert bars[0].label == "1 Nov 2026 to 7 Nov 2026"


def test_weeks_whose_results_are_all_deleted_are_left_out_rather_than_shown_as_none():
    start, end = date(2026, 10, 1), date(2026, 10, 28)

    bars = report.counts_by_week([], start=start, end=end, kept_since=date(2026, 10, 17))

    assert [bar.label for bar in bars] == [
        "15 Oct 2026 to 21 Oct 2026 (the days before 17 Oct 2026 deleted)",
        "22 Oct 2026 to 28 Oct 2026",
    ]


@pytest.mark.parametrize(("count", "shown"), [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5")])
def test_counts_from_one_to_four_are_never_shown_as_such(count, shown):
    bar = Bar("Yes", count, share_of=100)

    assert bar.shown == shown
    assert bar.percent == (0 if count == 0 else None)


def test_five_and_more_are_shown_with_their_share():
    assert (Bar("Yes", 5, share_of=20).shown, Bar("Yes", 5, share_of=20).percent) == ("5", 25)


def test_a_share_of_fewer_than_five_people_is_not_shown():
    assert Bar("No", 0, share_of=3).percent is None


def test_a_hidden_count_draws_no_bar_so_its_length_cannot_give_it_away():
    chart = report.Chart("x", "X", (Bar("Rare", 2, 40), Bar("Common", 38, 40)))

    rows = chart.drawing["rows"]

    assert rows[0]["length"] == 0
    assert rows[0]["value"] == "fewer than 5"
    assert rows[1]["length"] == charts.BAR_SPACE


def test_each_chosen_option_of_a_multiple_choice_question_is_counted_with_its_label(rules, rows):
    answers = [
        {"aggravators": ["bending", "coughing"]},
        {"aggravators": ["bending"]},
        {"aggravators": ["nothing"]},
        {},
    ]

    chart = chart_for(
        report.answer_charts([kept(answers=a) for a in answers], rules=rules, rows=rows),
        "aggravators",
    )

    found = counts(chart.bars)
    assert found["Bending forward"] == 2
    assert found["Coughing or sneezing"] == 1
    assert found["None of these"] == 1
    assert found["Leaning back"] == 0
    assert chart.title.endswith("What makes it worse?")
    assert "Answered by fewer than 5." in chart.note


def test_number_answers_are_counted_by_the_bands_of_the_version(rules, rows):
    years = [16, 39, 40, 59, 60, 99]

    chart = chart_for(
        report.answer_charts([kept(answers={"years": y}) for y in years], rules=rules, rows=rows),
        "years",
    )

    assert counts(chart.bars) == {"16 to 39": 2, "40 to 59": 2, "60 or over": 2}


def test_an_emergency_stop_counts_at_the_question_whose_answer_ended_the_questionnaire(
    small, rules, rows
):
    stop = {**small.answers, "leg-feelings": ["numb"]}  # the last question, after all the others
    rows_ = [kept("emergency", answers=stop)] * 2 + [kept(answers=small.answers)]

    steps = report.drop_off(reached={}, kept=rows_, rules=rules, rows=rows)

    by_code = {step.code: step for step in steps}
    assert by_code["leg-feelings"].emergency == 2
    assert by_code["sudden-weakness"].emergency == 0


def test_people_who_answered_a_question_but_not_the_next_are_counted_as_stopping_there(rules, rows):
    first, second, *_ = [ask.code for ask in rules.questions]
    reached = {first: 10, second: 7}
    rows_ = [kept("emergency", answers={first: "yes"})]

    steps = report.drop_off(reached=reached, kept=rows_, rules=rules, rows=rows)

    assert (steps[0].answered, steps[0].emergency, steps[0].left) == (10, 1, 2)


def test_follow_up_questions_count_who_answered_them_but_no_one_stops_at_them(rules, rows):
    follow_up = next(ask.code for ask in rules.questions if ask.show_if)

    steps = report.drop_off(reached={follow_up: 3}, kept=[], rules=rules, rows=rows)

    step = next(step for step in steps if step.code == follow_up)
    assert (step.answered, step.left) == (3, None)


def test_after_the_last_question_those_who_never_asked_for_a_result_went_no_further(
    small, rules, rows
):
    last = rules.questions[-1].code

    steps = report.drop_off(
        reached={last: 6}, kept=[kept(answers=small.answers)] * 4, rules=rules, rows=rows
    )

    assert steps[-1].left == 2


# gather: what is read from the database ------------------------------------------------------


def period():
    today = timezone.localdate()
    return {"start": today - timedelta(days=20), "end": today}


def test_results_kept_without_consent_are_never_counted(small, version):
    SubmissionFactory.create_batch(6, answers=small.answers)
    SubmissionFactory.create_batch(3, answers=small.answers, consent_to_keep=False)

    figures = report.gather(version, **period())

    assert figures.total == 6
    assert sum(bar.count for bar in figures.dispositions.bars) == 6
    bending = counts(chart_for(figures.answers, "aggravators").bars)["Bending forward"]
    assert bending == 6


def test_results_of_other_versions_and_outside_the_period_are_left_out(small, version):
    SubmissionFactory.create_batch(5, answers=small.answers)
    SubmissionFactory(answers=small.answers, created=timezone.now() - timedelta(days=25))
    SubmissionFactory(answers=small.answers, questionnaire=copy_as_draft(version))

    figures = report.gather(version, **period())

    assert figures.total == 5


def test_the_first_condition_shown_is_named_as_the_live_condition_is(small, version):
    SubmissionFactory.create_batch(5, answers=small.answers)

    figures = report.gather(version, **period())

    assert counts(figures.conditions.bars) == {small.likely.name: 5}


def test_emergency_results_are_counted_with_their_stop(small, version):
    SubmissionFactory.create_batch(5, answers=EMERGENCY)
    SubmissionFactory.create_batch(5, answers=small.answers)

    figures = report.gather(version, **period())

    assert counts(figures.dispositions.bars)["Emergency: call 999 or go to A&E now"] == 5
    assert next(s for s in figures.steps if s.code == "sudden-weakness").emergency == 5


def test_reach_counts_are_summed_over_the_days_of_the_period(version):
    today = timezone.localdate()
    for days_ago, count in ((0, 4), (3, 6), (40, 100)):
        QuestionReach.objects.create(
            questionnaire=version,
            question_code="sudden-weakness",
            day=today - timedelta(days=days_ago),
            count=count,
        )

    figures = report.gather(version, **period())

    assert figures.steps[0].answered == 10


# CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_made_plain(text):
    assert report.csv_safe(text) == "'" + text


def test_ordinary_text_is_left_alone_in_the_csv():
    assert report.csv_safe("Sitting (long)") == "Sitting (long)"


def test_the_csv_has_the_figures_as_the_page_shows_them(small, version):
    SubmissionFactory.create_batch(6, answers=small.answers)
    SubmissionFactory(answers=EMERGENCY)

    rows = report.csv_rows(report.gather(version, **period()), "dispositions")

    assert rows == [
        ["table", "group", "label", "count", "percent"],
        ["dispositions", "", "Emergency: call 999 or go to A&E now", "fewer than 5", ""],
        ["dispositions", "", "Urgent: same-day GP appointment or NHS 111", "0", "0"],
        ["dispositions", "", "See a physiotherapist or GP soon", "6", "86"],
        ["dispositions", "", "Look after it yourself", "0", "0"],
    ]


def test_a_wrapped_chart_label_reads_as_its_words_with_spaces_between_lines():
    """An audit's screen reader (and copied text) read "have youhad": the lines of a wrapped
    label had nothing between them."""
    from django.template.loader import render_to_string

    from tests.helpers import without_tags
    from triage.insights.report import Bar, Chart

    label = "In the last couple of weeks have you had any of these problems with running"
    html = render_to_string(
        "admin/triage/_chart.html", {"chart": Chart("c", "Title", (Bar(label, 10),))}
    )

    svg_text = without_tags(html.split("<svg")[1].split("</svg>")[0])
    assert " ".join(label.split()) in " ".join(svg_text.split())
