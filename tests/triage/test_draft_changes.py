"""A draft's page lists what it changes against the live version, and exactly that; on the small
questionnaire the factories build (``small_questionnaire``) and a draft copied from it."""

import pytest
from django.urls import reverse

from tests.conditions.clinicians import make_editor
from tests.editorial.forms import form_from_page
from tests.triage.authoring import a_weight_rule
from triage.compare import compare, effect_key, effect_value, outline, shown
from triage.models import Option, Questionnaire

pytestmark = pytest.mark.django_db


def test_a_fresh_copy_changes_nothing(live, draft):
    assert compare(outline(live), outline(draft)) == []


def test_the_comparison_lists_exactly_the_rules_you_changed(live, draft):
    rule = a_weight_rule(draft)
    old = rule.weight
    rule.weight = -1 if old != -1 else -2
    rule.save()
    removed = draft.questions.order_by("pk").last().options.first().rules.first()
    removed_option = removed.option
    removed.delete()

    changes = compare(outline(live), outline(draft))

    assert sorted((c.kind, c.before, c.after) for c in changes) == sorted(
        [("rule", f"{old:+d}", f"{rule.weight:+d}"), ("rule", changes_value(removed), "")]
    )
    assert any(rule.condition.name in c.what and rule.option.label in c.what for c in changes)
    assert any(removed_option.label in c.what and c.after == "" for c in changes)


def changes_value(rule):
    return shown(effect_key(rule), effect_value(rule))


def test_added_options_are_listed_as_added(live, draft):
    question = draft.questions.order_by("pk").first()
    Option.objects.create(question=question, order=99, code="new-answer", label="A new answer")

    changes = compare(outline(live), outline(draft))

    assert [(c.kind, c.before, c.after) for c in changes] == [("option", "", "A new answer")]


def test_the_draft_page_shows_its_changes_in_clinician_words(client, live, draft):
    client.force_login(make_editor())
    rule = a_weight_rule(draft)
    rule.weight = 5 if rule.weight != 5 else 4
    rule.save()

    page = client.get(reverse("admin:triage_questionnaire_change", args=[draft.pk])).content
    text = page.decode()

    assert "What this version changes against the live version" in text
    assert f"<ins>{rule.weight:+d}</ins>" in text
    assert rule.condition.name in text


def test_a_second_person_saving_an_older_copy_of_a_draft_is_refused(client, draft):
    client.force_login(make_editor())
    url = reverse("admin:triage_questionnaire_change", args=[draft.pk])
    first = form_from_page(client, url, threshold="5")
    second = form_from_page(client, url, threshold="6")
    first.pop("_save", None)

    client.post(url, first)
    refused = client.post(url, second)

    assert refused.status_code == 200
    assert "Someone else changed this version" in refused.content.decode()
    assert Questionnaire.objects.get(pk=draft.pk).threshold == 5
