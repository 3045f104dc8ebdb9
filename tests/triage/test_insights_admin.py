"""The insights page and its CSV in the clinician admin: who may see them, what they show, what
the download holds, and that the page costs the same queries however many results there are;
on the small questionnaire the factories build (``small_questionnaire``)."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.editorial.clinicians import make_editor, make_staff
from tests.factories import ConditionFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("admin:triage_insights")
CSV = reverse("admin:triage_insights_csv")


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    for url in (PAGE, CSV):
        response = client.get(url)

        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_staff_without_a_clinical_role_are_refused(client):
    client.force_login(make_staff("helper"))

    assert client.get(PAGE).status_code == 403
    assert client.get(CSV).status_code == 403


def test_an_editor_sees_each_chart_as_svg_with_a_heading_and_a_table(editor_client, small):
    SubmissionFactory.create_batch(5, answers=small.answers)

    response = editor_client.get(PAGE)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="insights-chart"') == html.count(
        '<details class="insights-table">'
    )
    # four charts, then one per question, then the runners' logs (running/insights.py)
    charts = 4 + small.question_count + 1
    assert html.count('<svg class="insights-chart"') == charts
    assert '<h2 id="dispositions-heading">How urgently people were told to get help</h2>' in html
    assert "5 kept results" in html


def test_the_page_has_no_inline_style_or_script_for_the_content_security_policy(
    editor_client, small
):
    SubmissionFactory.create_batch(5, answers=small.answers)

    html = editor_client.get(PAGE).content.decode()

    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_the_page_links_from_the_kept_results_list(editor_client):
    response = editor_client.get(reverse("admin:triage_submission_changelist"))

    assert PAGE.encode() in response.content


@pytest.mark.usefixtures("seed")
def test_a_period_ending_before_it_starts_is_refused_with_a_message(editor_client):
    response = editor_client.get(PAGE, {"start": "2026-11-20", "end": "2026-11-01"})

    assert "The first day must come before the last day." in response.content.decode()
    assert response.context["figures"].end == timezone.localdate()


def test_the_csv_is_a_download_that_is_never_stored(editor_client, small):
    response = editor_client.get(CSV, {"start": "2026-11-01", "end": "2026-11-21"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    version = small.questionnaire.version
    assert response["Content-Disposition"] == (
        f'attachment; filename="insights-v{version}-2026-11-01-to-2026-11-21.csv"'
    )
    assert "no-store" in response["Cache-Control"]


def test_the_csv_holds_counts_only_never_a_result_or_its_answers(editor_client, small):
    submissions = SubmissionFactory.create_batch(6, answers=small.answers)

    text = editor_client.get(CSV).content.decode()

    assert submissions[0].token not in text
    assert "tingling" not in text  # answers appear only as counted option labels
    assert "Pins and needles,6,100" in text
    assert {row[0] for row in read_csv(editor_client.get(CSV))[1:]} == {
        "weekly",
        "dispositions",
        "conditions",
        "drop-off",
        "answers",
    }


def test_one_table_of_the_csv_can_be_downloaded_on_its_own(editor_client, small):
    SubmissionFactory.create_batch(5, answers=small.answers)

    rows = read_csv(editor_client.get(CSV, {"table": "conditions"}))

    assert rows == [
        ["table", "group", "label", "count", "percent"],
        ["conditions", "", small.likely.name, "5", "100"],
    ]


def test_an_unknown_csv_table_is_not_found(editor_client):
    assert editor_client.get(CSV, {"table": "people"}).status_code == 404


def test_a_condition_name_that_looks_like_a_formula_is_made_plain_in_the_csv(editor_client, small):
    condition = ConditionFactory(name='=HYPERLINK("http://x")', slug="formula")
    result = {"disposition": "soon", "conditions": [{"condition": condition.slug}]}
    SubmissionFactory.create_batch(5, answers=small.answers, result=result)

    rows = read_csv(editor_client.get(CSV, {"table": "conditions"}))

    assert rows[1][2] == '\'=HYPERLINK("http://x")'


def queries_for_page(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PAGE).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_queries_for_ten_and_a_hundred_results(
    editor_client, small, django_assert_max_num_queries
):
    yesterday = timezone.now() - timedelta(days=1)
    SubmissionFactory.create_batch(10, answers=small.answers, created=yesterday)
    editor_client.get(PAGE)  # the rule book and question rows are then in memory
    with_ten = queries_for_page(editor_client)
    SubmissionFactory.create_batch(90, answers=small.answers, created=yesterday)

    with django_assert_max_num_queries(with_ten):
        editor_client.get(PAGE)
    assert queries_for_page(editor_client) == with_ten
