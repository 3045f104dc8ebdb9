"""A part's line on the review page names each number and yes/no it shows: a reviewer saw a
programme stage as "35 · 3 · 2 · 3 · 2" and could not tell which limit had changed."""

import pytest

from editorial import registry
from editorial.snapshots import part_line
from running.models import Programme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def test_a_stage_line_names_each_pain_limit_and_count():
    programme = Programme.objects.live().first()
    stage = programme.stages.order_by("number").first()
    part = next(p for p in registry.entry(Programme).parts if p.model is type(stage))

    line = part_line(stage, part)

    assert f"most pain during: {stage.max_pain_during}" in line
    assert f"sessions to move on: {stage.sessions_to_move_on}" in line
    assert stage.name in line
