"""Before an item leaves the site: where it is used, and what blocks it."""

import re

import pytest
from django.conf import settings

from conditions.models import Condition, Guide, Status
from conditions.selectors import FOOTER_GUIDES
from editorial import workflow
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer
from tests.factories import ConditionFactory, GuideFactory
from triage.models import Questionnaire, Rule

pytestmark = pytest.mark.django_db


def condition_the_live_rules_point_to():
    live = Questionnaire.objects.live()
    rule = Rule.objects.filter(
        option__question__questionnaire=live, condition__isnull=False
    ).select_related("condition")
    return rule.first().condition


@pytest.mark.usefixtures("seed")
def test_a_condition_the_live_questionnaire_relies_on_cannot_be_unpublished():
    condition = condition_the_live_rules_point_to()

    with pytest.raises(
        workflow.EditorialRefused, match="a questionnaire version without those rules"
    ):
        workflow.unpublish(condition, by=make_reviewer(), reason="Out of date")

    assert Condition.objects.get(pk=condition.pk).status == Status.PUBLISHED


@pytest.mark.usefixtures("seed")
def test_the_unpublish_page_lists_the_rules_that_block_it(client):
    condition = condition_the_live_rules_point_to()
    client.force_login(make_reviewer())

    page = client.get(admin_url(condition, "unpublish")).content.decode()

    assert "live questionnaire version" in page
    assert "blocks taking it off the site" in page
    assert 'value="Take it off the site"' not in page


def test_a_condition_nothing_relies_on_is_unpublished_after_confirming(client):
    condition = ConditionFactory()
    client.force_login(make_reviewer())

    client.post(admin_url(condition, "unpublish"), {"reason": "Out of date"})

    assert Condition.objects.get(pk=condition.pk).status == Status.DRAFT


@pytest.mark.usefixtures("seed")
def test_deleting_a_live_item_is_refused_with_where_it_is_used(client):
    condition = condition_the_live_rules_point_to()
    client.force_login(make_reviewer())

    response = client.post(admin_url(condition, "delete"), {"post": "yes"})

    assert response.status_code == 403
    assert "live questionnaire version" in response.content.decode()
    assert Condition.objects.filter(pk=condition.pk).exists()


def test_an_editor_may_discard_a_working_draft(client):
    condition = ConditionFactory()
    editor = make_editor()
    draft = workflow.open_working_draft(condition, by=editor)
    client.force_login(editor)

    client.post(admin_url(draft, "delete"), {"post": "yes"})

    assert not Condition.objects.filter(pk=draft.pk).exists()
    assert Condition.objects.filter(pk=condition.pk, status=Status.PUBLISHED).exists()


def test_an_exercise_linked_to_a_condition_is_listed_once():
    from tests.factories import ConditionExerciseFactory, ExerciseFactory

    condition = ConditionFactory()
    exercise = ExerciseFactory(name="Listed once")
    ConditionExerciseFactory(condition=condition, exercise=exercise)

    uses = [text for text, _blocks in workflow.where_used(condition)]

    assert sum("Listed once" in text for text in uses) == 1


@pytest.mark.usefixtures("seed")
def test_an_exercises_unpublish_page_names_the_condition_pages_it_leaves_and_still_allows_it(
    client,
):
    """It once said "No page, draft or live questionnaire rule uses it" for an exercise shown
    on eight live condition pages."""
    from exercises.models import ConditionExercise, Exercise

    exercise = Exercise.objects.get(slug="glute-bridge", draft_of=None)
    shown_on = ConditionExercise.objects.filter(exercise=exercise).count()
    client.force_login(make_reviewer())

    page = client.get(admin_url(exercise, "unpublish")).content.decode()

    assert shown_on > 1
    assert page.count("live condition page:") == shown_on
    assert "No page, draft or live questionnaire rule uses it" not in page
    assert 'value="Take it off the site"' in page


FOOTER_GUIDE_LINK = re.compile(r"\{% url 'conditions:guide' '([a-z0-9-]+)' %\}")


def test_the_guides_the_footer_links_to_are_the_ones_that_cannot_leave_the_site():
    """The footer is a fixed part of every page (no variables): its guide links are listed
    in ``FOOTER_GUIDES``, which keeps those guides on the site."""
    base = (settings.BASE_DIR / "templates" / "base.html").read_text()
    footer = base[base.index('<footer class="site-footer">') :]

    assert tuple(FOOTER_GUIDE_LINK.findall(footer)) == FOOTER_GUIDES


@pytest.mark.parametrize("slug", FOOTER_GUIDES)
def test_a_guide_the_footer_links_to_cannot_be_taken_off_the_site(slug):
    """Taking "About this site" off the site left a broken link at the foot of every page."""
    guide = GuideFactory(slug=slug)

    with pytest.raises(workflow.EditorialRefused, match="the footer of every page"):
        workflow.unpublish(guide, by=make_reviewer(), reason="Out of date")

    assert Guide.objects.get(pk=guide.pk).status == Status.PUBLISHED


def test_other_guides_and_drafts_of_footer_guides_are_not_held_by_the_footer():
    assert workflow.where_used(GuideFactory(slug="hill-running")) == []
    draft = workflow.open_working_draft(GuideFactory(slug=FOOTER_GUIDES[0]), by=make_editor())
    assert workflow.where_used(draft) == []
