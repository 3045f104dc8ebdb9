import pytest
from django.template import Context, Template

from tests import template_comparisons


@pytest.fixture
def comparisons_seen():
    """The watch's record for this test alone (emptied after, so the test itself passes)."""
    yield template_comparisons.both_none
    template_comparisons.both_none.clear()


def test_a_comparison_of_two_missing_names_is_recorded(comparisons_seen):
    Template("{% if question.picture == question.Picture.BODY_MAP %}map{% endif %}").render(
        Context({"question": object()})
    )

    assert comparisons_seen == ["question.picture == question.Picture.BODY_MAP"]


def test_a_comparison_with_one_side_present_is_not_recorded(comparisons_seen):
    Template("{% if a != b %}x{% endif %}{% if a == 'x' %}y{% endif %}").render(Context({"b": 1}))

    assert comparisons_seen == []


def test_a_comparison_with_a_literal_none_is_not_recorded(comparisons_seen):
    Template("{% if widget.value != None %}x{% endif %}").render(Context({}))

    assert comparisons_seen == []
