"""Related conditions are each item's own list, changed only by its own review: a draft's links
never write themselves onto another item, live or draft (they did while the links were
two-way)."""

import importlib

import pytest
from django.apps import apps as django_apps

from conditions.models import Condition
from editorial import workflow
from tests.editorial.clinicians import make_editor, make_reviewer, publish_as
from tests.factories import ConditionFactory

pytestmark = pytest.mark.django_db


def linked_both_ways():
    first, second = ConditionFactory(), ConditionFactory()
    first.related_conditions.add(second)
    second.related_conditions.add(first)
    return first, second


def related(condition):
    return set(Condition.objects.get(pk=condition.pk).related_conditions.all())


def test_opening_a_working_draft_adds_no_link_to_the_live_items_it_links():
    first, second = linked_both_ways()

    draft = workflow.open_working_draft(first, by=make_editor())

    assert related(draft) == {second}
    assert related(second) == {first}


def test_publishing_one_condition_leaves_another_conditions_draft_links_as_they_were():
    first, second = linked_both_ways()
    editor = make_editor()
    first_draft = workflow.open_working_draft(first, by=editor)
    second_draft = workflow.open_working_draft(second, by=editor)
    second_draft.related_conditions.clear()
    workflow.submit_for_review(second_draft, by=editor)

    publish_as(make_reviewer(), second_draft)

    assert related(first_draft) == {second}
    assert related(first) == {second}
    assert related(second) == set()


def test_the_migration_drops_the_links_two_way_fields_wrote_onto_items_for_working_drafts():
    first, second = linked_both_ways()
    draft = workflow.open_working_draft(first, by=make_editor())
    second.related_conditions.add(draft)  # as the two-way field did when the draft was opened
    migration = importlib.import_module("conditions.migrations.0010_related_conditions_one_way")

    migration.drop_links_to_working_drafts(django_apps, schema_editor=None)

    assert related(second) == {first}
    assert related(draft) == {second}


def test_a_draft_is_not_offered_itself_or_its_live_row_as_a_related_condition(client):
    from tests.editorial.clinicians import admin_url

    live, other = ConditionFactory(name="Facet pain"), ConditionFactory(name="Sciatica")
    draft = workflow.open_working_draft(live, by=make_editor())
    client.force_login(make_editor("editor-two"))

    form = client.get(admin_url(draft)).context["adminform"].form
    offered = set(form.fields["related_conditions"].queryset)

    assert other in offered
    assert live not in offered and draft not in offered
