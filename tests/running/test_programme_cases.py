"""Programme test cases: the seed programme's pass, and a programme whose cases fail (or that
has none) cannot be published through the one workflow."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editorial import workflow
from running import cases
from running.models import Programme, ProgrammeTestCase
from tests.editorial.clinicians import make_editor, make_reviewer, publish_as

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def seed():
    return Programme.objects.live().get(slug="back-to-running")


def test_every_seed_programme_case_passes():
    programme = seed()
    rules = programme.rules()
    assert programme.test_cases.count() >= 5
    for case in programme.test_cases.all():
        assert cases.case_problems(rules, case) == [], case.name


def draft_of_seed():
    return workflow.open_working_draft(seed(), by=make_editor())


def test_a_programme_whose_case_fails_cannot_be_published():
    draft = draft_of_seed()
    draft.test_cases.create(name="Wrong on purpose", steps="1 1 1 move_on")
    with pytest.raises(workflow.EditorialRefused, match="Wrong on purpose"):
        publish_as(make_reviewer(), draft)
    assert not seed().test_cases.filter(name="Wrong on purpose").exists()


def test_a_programme_without_cases_cannot_be_published():
    draft = draft_of_seed()
    draft.test_cases.all().delete()
    with pytest.raises(workflow.EditorialRefused, match="no test cases"):
        publish_as(make_reviewer(), draft)


def test_a_stage_change_that_breaks_a_case_is_refused_and_the_live_rules_stay():
    draft = draft_of_seed()
    draft.stages.filter(number=2).update(max_pain_next_morning=5)
    with pytest.raises(workflow.EditorialRefused, match="Sorer next morning"):
        publish_as(make_reviewer(), draft)
    assert seed().stages.get(number=2).max_pain_next_morning == 2


def test_a_draft_whose_cases_pass_is_published_with_its_stages():
    draft = draft_of_seed()
    draft.stages.filter(number=4).update(name="Building up again")
    live = publish_as(make_reviewer(), draft)
    assert live.stages.get(number=4).name == "Building up again"
    assert ProgrammeTestCase.objects.filter(programme=live).count() >= 5


@pytest.mark.parametrize(
    "text",
    [
        "1 1 1",
        "1 1 1 maybe",
        "11 1 1 repeat",
        "1 x 1 repeat",
        "- 1 1 repeat",
        "1 1 1 amber stop",
        "",
    ],
)
def test_a_badly_written_case_says_which_line_is_wrong(text):
    with pytest.raises(cases.BadStep):
        cases.parse(text)


@pytest.mark.parametrize("written", ["move on", "Move On", "move_on"])
def test_a_decision_may_be_written_with_a_space_as_clinicians_say_it(written):
    (step,) = cases.parse(f"1 1 1 {written}")

    assert step.expected == "move_on"


@pytest.mark.parametrize("written", ["1 1 1 leg step back", "1 1 1 Leg step_back"])
def test_a_session_whose_leg_symptoms_got_worse_is_written_with_leg(written):
    (step,) = cases.parse(written)

    assert step.session.leg_worse and step.expected == "step_back"


def test_a_misspelt_leg_is_named_in_the_error():
    with pytest.raises(cases.BadStep, match="'legs' is not 'leg', 'emergency' or 'urgent'"):
        cases.parse("1 1 1 legs stop")


def test_a_session_without_leg_is_one_whose_leg_symptoms_did_not_get_worse():
    (step,) = cases.parse("1 1 1 repeat")

    assert not step.session.leg_worse


def test_a_line_of_the_wrong_length_lists_the_decisions_in_words():
    with pytest.raises(cases.BadStep, match="repeat, move on, step back, stop"):
        cases.parse("1 1 1 moves on now")


def test_submitting_a_draft_whose_case_fails_tells_the_editor_at_once(client):
    from tests.editorial.clinicians import admin_url
    from tests.editorial.forms import form_from_page

    editor = make_editor()
    draft = workflow.open_working_draft(seed(), by=editor)
    draft.test_cases.create(name="Wrong on purpose", steps="1 1 1 move_on")
    client.force_login(editor)
    data = form_from_page(client, admin_url(draft))

    response = client.post(admin_url(draft), {**data, "_submit_review": "1"}, follow=True)

    page = response.content.decode()
    assert "Sent to the clinical reviewers" in page
    assert "A reviewer cannot publish it as it stands" in page
    assert "Wrong on purpose" in page


def test_the_shipped_introduction_names_every_stages_limit_for_pain_during():
    """It said "up to about 3 out of 10" while the last two stages allow 4."""
    programme = seed()
    limits = set(programme.stages.values_list("max_pain_during", flat=True))

    assert all(
        f"{limit} out of 10" in programme.introduction or f"({limit} in" in programme.introduction
        for limit in limits
    )


def test_an_introduction_naming_a_pain_score_no_rule_uses_cannot_be_published():
    draft = draft_of_seed()
    draft.introduction += "\n\nPain up to 5/10 during a session is fine."
    draft.save()

    with pytest.raises(workflow.EditorialRefused, match=r"pain of 5 out of 10.*2, 3, 4, 7"):
        publish_as(make_reviewer(), draft)
    assert "5/10" not in seed().introduction


def test_a_stray_score_and_a_failing_case_are_both_named_at_once():
    """Found by an audit: the reviewer saw the wording problem, and only after the editor
    fixed it, the failing case."""
    draft = draft_of_seed()
    draft.introduction += "\n\nPain up to 5/10 during a session is fine."
    draft.save()
    draft.test_cases.create(name="Wrong on purpose", steps="1 1 1 move_on")

    problems = " ".join(cases.refusals(draft))

    assert "pain of 5 out of 10" in problems
    assert "Wrong on purpose" in problems


def test_an_introduction_naming_only_its_rules_scores_and_the_scale_s_ends_is_published():
    draft = draft_of_seed()
    draft.introduction += "\n\n0 out of 10 is no pain and 10/10 the worst you can imagine."
    draft.save()

    assert "10/10 the worst" in publish_as(make_reviewer(), draft).introduction


@given(
    limits=st.sets(st.integers(0, 10), min_size=1),
    written=st.lists(st.integers(0, 99), max_size=6),
    form=st.sampled_from(["{} out of 10", "{}/10", "{} / 10", "{} OUT OF 10"]),
)
def test_a_score_is_stray_exactly_when_no_rule_and_no_end_of_the_scale_is_it(limits, written, form):
    text = " and ".join(f"pain of {form.format(score)}" for score in written)

    stray = cases.scores_no_rule_uses(text, limits)

    expected = [s for s in dict.fromkeys(written) if s not in limits and s not in (0, 10)]
    assert stray == expected
