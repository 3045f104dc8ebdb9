"""Whole-item revisions: every saved draft and publish keeps the item with its parts."""

import pytest
from reversion.models import Version

from conditions.models import Condition, ConditionSymptom
from editorial import registry, workflow
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer
from tests.editorial.forms import form_from_page
from tests.factories import ConditionFactory, ConditionSymptomFactory, SymptomFactory

pytestmark = pytest.mark.django_db


def edit_draft(client, draft, **changes):
    url = admin_url(draft)
    return client.post(url, form_from_page(client, url, **changes))


@pytest.fixture
def condition_with_a_symptom():
    condition = ConditionFactory(summary="First summary.")
    ConditionSymptomFactory(condition=condition, symptom=SymptomFactory(name="Dull ache"))
    return condition


def test_each_saved_draft_is_a_revision_with_its_parts(client, condition_with_a_symptom):
    client.force_login(make_editor())
    client.post(admin_url(condition_with_a_symptom, "edit"))
    draft = Condition.objects.get(draft_of=condition_with_a_symptom)

    edit_draft(client, draft, summary="Second summary.", _change_note="Clearer wording")

    latest = Version.objects.get_for_object(draft).first()
    assert latest.revision.comment == "Clearer wording"
    assert latest.field_dict["summary"] == "Second summary."
    kept = {v.content_type.model for v in latest.revision.version_set.all()}
    assert "conditionsymptom" in kept


def test_a_change_of_line_endings_or_trailing_spaces_is_not_a_change(client):
    condition = ConditionFactory(what_it_is="Line one.\nLine two.", status="draft")
    client.force_login(make_editor())
    url = admin_url(condition)
    data = form_from_page(client, url, what_it_is="Line one.  \r\nLine two.\r\n")

    client.post(url, data)

    assert Condition.objects.get(pk=condition.pk).what_it_is == "Line one.\nLine two."


def test_history_compares_two_revisions_word_by_word_in_full(client, condition_with_a_symptom):
    editor = make_editor()
    client.force_login(editor)
    client.post(admin_url(condition_with_a_symptom, "edit"))
    draft = Condition.objects.get(draft_of=condition_with_a_symptom)
    long_text = "word " * 400
    edit_draft(client, draft, summary="Second summary.", what_it_is=long_text + "end.")
    older, newer = Version.objects.get_for_object(draft).order_by("pk")[:2]

    page = client.get(
        admin_url(condition_with_a_symptom, "compare"), {"a": older.pk, "b": newer.pk}
    ).content.decode()

    assert "<del>First</del>" in page and "<ins>Second</ins>" in page
    assert "end.</ins>" in page  # the full text, nothing cut short
    assert "Dull ache" in page  # parts compared too


def test_restoring_a_revision_makes_a_draft_with_its_parts_and_changes_nothing_live(
    client, condition_with_a_symptom
):
    editor, reviewer = make_editor(), make_reviewer()
    draft = workflow.open_working_draft(condition_with_a_symptom, by=editor)
    first_revision = Version.objects.get_for_object(draft).first()
    draft.summary = "Changed summary."
    draft.save()
    draft.conditionsymptom_set.all().delete()
    live = workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft))
    assert ConditionSymptom.objects.filter(condition=live).count() == 0
    client.force_login(editor)

    response = client.post(admin_url(live, "restore", first_revision.pk))

    restored = Condition.objects.get(draft_of=live)
    assert response.url == admin_url(restored)
    assert restored.summary == "First summary."
    assert restored.conditionsymptom_set.get().symptom.name == "Dull ache"
    live.refresh_from_db()
    assert live.summary == "Changed summary."
    assert ConditionSymptom.objects.filter(condition=live).count() == 0


def test_the_history_page_lists_revisions_of_the_item_and_its_drafts(
    client, condition_with_a_symptom
):
    editor, reviewer = make_editor(first_name="Eda"), make_reviewer()
    draft = workflow.open_working_draft(condition_with_a_symptom, by=editor)
    workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft))
    client.force_login(editor)

    page = client.get(admin_url(condition_with_a_symptom, "history")).content.decode()

    assert "Working draft opened from the live page" in page
    assert "Published" in page
    assert "Restore as draft" in page


def test_rows_with_the_same_order_number_do_not_show_as_a_change():
    from editorial import diff, snapshots

    condition = ConditionFactory()
    first, second = SymptomFactory(name="Aaa"), SymptomFactory(name="Bbb")
    ConditionSymptomFactory(condition=condition, symptom=second, order=5)
    ConditionSymptomFactory(condition=condition, symptom=first, order=5)
    other = ConditionFactory()
    ConditionSymptomFactory(condition=other, symptom=first, order=5)
    ConditionSymptomFactory(condition=other, symptom=second, order=5)

    parts = snapshots.snapshot(condition)
    assert (
        diff.changed_labels(
            {"Symptoms": parts["Condition symptoms"]},
            {"Symptoms": snapshots.snapshot(other)["Condition symptoms"]},
        )
        == []
    )


def kept_rows(item, *, read):
    """What a revision of ``item`` keeps: {(model, pk): serialized row}."""
    workflow.save_revision(item, user=None, comment="Compared", read=read)
    revision = Version.objects.get_for_object(item).first().revision
    return {
        (version.content_type.model, version.object_id): version.serialized_data
        for version in revision.version_set.all()
    }


@pytest.mark.usefixtures("seed")
def test_a_revision_read_in_one_go_keeps_what_reversion_reads_row_by_row_for_every_item():
    items = [
        item
        for entry in registry.entries()
        for item in entry.model._base_manager.order_by("pk")[:3]
    ]
    assert {type(item) for item in items} == {entry.model for entry in registry.entries()}

    for item in items:
        fresh = type(item)._base_manager.get(pk=item.pk)  # nothing read ahead: row by row
        assert kept_rows(item, read=True) == kept_rows(fresh, read=False), item
