"""Clinicians edit programmes in admin with their stages and cases, and try any pain sequence."""

import pytest
from django.urls import reverse

from running.models import Programme
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def seed():
    return Programme.objects.live().get(slug="back-to-running")


def test_the_change_page_shows_the_stages_and_whether_each_case_passes(editor_client):
    page = editor_client.get(admin_url(seed())).content.decode()
    assert "Walk–run intervals" in page
    assert "Passes:" in page and "Passes?" not in page
    assert "Try it with a pain sequence" in page


def simulate(client, steps):
    url = reverse("admin:running_programme_simulate", args=[seed().pk])
    return client.get(url, {"steps": steps})


def test_the_preview_shows_each_decision_for_a_pain_sequence(editor_client):
    page = simulate(editor_client, "1 1 1\n1 1 1\n1 1 1\n2 3 4").content.decode()
    rows = page.split('<table id="simulation">')[1]
    assert rows.count("Repeat this stage") == 2
    assert "Move on to the next stage" in rows
    assert "Step back a stage" in rows


def test_the_preview_shows_leg_symptoms_that_got_worse_stopping_the_programme(editor_client):
    page = simulate(editor_client, "1 1 1\n1 1 0 leg").content.decode()
    rows = page.split('<table id="simulation">')[1]
    assert "Stop the programme and get help" in rows
    assert "Pain, numbness or tingling in a leg started" in rows
    assert "<td>yes</td>" in rows


@pytest.mark.parametrize("line", ["1 1 1 step back", "1 1 1 leg step back", "1 1 1 Move on"])
def test_the_preview_reads_a_decision_written_with_a_space_as_one(editor_client, line):
    page = simulate(editor_client, line).content.decode()

    assert "is not &#x27;leg&#x27;" not in page and "is not 'leg'" not in page
    assert '<table id="simulation">' in page


def test_the_preview_marks_an_expected_decision_that_does_not_happen(editor_client):
    page = simulate(editor_client, "1 1 1 move_on").content.decode()
    assert "expected move on" in page


@pytest.mark.parametrize("line", ["1 1 1 move on", "1 1 1 Move On", "1 1 1 step back"])
def test_the_preview_checks_an_expected_decision_written_with_a_space(editor_client, line):
    """As its help text spells them: they were shown unchecked ('–'), as if none was given."""
    page = simulate(editor_client, line).content.decode()

    assert "✗ expected" in page


def test_a_blank_line_does_not_move_the_check_to_another_session(editor_client):
    page = simulate(editor_client, "1 1 1\n\n1 1 1 move_on").content.decode()
    rows = page.split('<table id="simulation">')[1].split("<tr")[2:]  # after the header row

    assert "✗ expected move on" in rows[1]
    assert "expected" not in rows[0]


def test_the_preview_says_what_is_wrong_with_a_bad_line(editor_client):
    page = simulate(editor_client, "12 1 1").content.decode()
    assert "pain must be from 0 to 10" in page


def test_the_preview_is_for_staff_only(client):
    response = simulate(client, "1 1 1")
    assert response.status_code == 302


def draft_with_a_lower_first_stage_limit():
    from editorial import workflow

    draft = workflow.open_working_draft(seed(), by=make_editor("writer"))
    draft.stages.filter(number=1).update(max_pain_during=1)
    return draft


def test_the_review_page_shows_the_stages_as_a_table_live_against_draft(client):
    client.force_login(make_reviewer())
    draft = draft_with_a_lower_first_stage_limit()

    page = client.get(admin_url(draft, "review")).content.decode()

    table = page.split('<table class="stages-diff">')[1].split("</table>")[0]
    assert '<th scope="col">next morning</th>' in table
    assert "<td>Walk–run intervals</td>" in table
    assert "<td><del>3</del><ins>1</ins></td>" in table  # stage 1, most pain during
    assert "on a flare, step back one stage" in table
    assert "most pain during: 3 ·" not in page  # the run-on line it replaces


def test_the_stage_editor_has_short_headings_and_small_number_boxes(editor_client):
    draft = draft_with_a_lower_first_stage_limit()

    page = editor_client.get(admin_url(draft)).content.decode()

    stages = page.split('id="stages-group"')[1].split("</table>")[0]
    assert "Pain during" in stages
    assert "Most pain next morning" not in stages
    assert 'class="vIntegerField narrow-number"' in stages


def cases_section(page):
    return page.split('id="cases-heading"')[1].split("</section>")[0]


def test_the_review_page_says_every_test_case_passes_when_they_do(client):
    from editorial import workflow

    client.force_login(make_reviewer())
    draft = workflow.open_working_draft(seed(), by=make_editor("writer"))
    count = draft.test_cases.count()

    section = cases_section(client.get(admin_url(draft, "review")).content.decode())

    assert count > 0
    assert f"<strong>{count} of {count}</strong>" in section
    assert "fails" not in section
    assert reverse("admin:running_programme_simulate", args=[draft.pk]) in section


def test_the_review_page_names_the_test_cases_the_draft_fails_and_why(client):
    from running import cases

    client.force_login(make_reviewer())
    draft = draft_with_a_lower_first_stage_limit()
    results = cases.case_results(draft, list(draft.stages.all()))
    failing = [case for case, problems in results if problems]

    section = cases_section(client.get(admin_url(draft, "review")).content.decode())

    assert failing, "lowering stage 1's limit should fail a seed case"
    assert f"<strong>{len(results) - len(failing)} of {len(results)}</strong>" in section
    for case in failing:
        assert f"{case.name}: <strong>fails</strong> (session" in section
