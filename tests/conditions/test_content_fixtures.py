"""The seed content: complete, published, cited, and safe to load again."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conditions.models import (
    Condition,
    ConditionSymptom,
    Guide,
    RedFlag,
    RiskFactor,
    Status,
)
from conditions.urgency import Urgency
from editorial import workflow
from editorial.links import live_item_links
from editorial.management.commands.load_content import FIXTURE_DIR
from editorial.models import Source
from exercises.models import ConditionExercise, Exercise, ExerciseStep
from tests.editorial.clinicians import make_editor

PICTURES = FIXTURE_DIR / "pictures"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

CONDITION_SLUGS = {
    "muscular-strain",
    "facet-joint-pain",
    "sacroiliac-joint-dysfunction",
    "disc-herniation",
    "sciatica",
    "spinal-stenosis",
    "spondylolisthesis",
    "piriformis-syndrome",
}
EXERCISE_SLUGS = {
    "dead-bug", "front-plank", "side-plank", "glute-bridge", "single-leg-glute-bridge",
    "hip-thrust", "hip-hitch", "side-lying-clam", "slump-slider", "childs-pose", "knee-hugs",
    "cobra", "lower-back-rotation-stretch", "figure-four-stretch", "massage-ball-glute-release",
    "hamstring-stretch", "hip-flexor-stretch",
}  # fmt: skip
RISK_FACTOR_SLUGS = {
    "load-progression", "surface-terrain-pronation", "worn-shoes", "desk-posture",
    "weak-core-glutes", "no-warm-up", "downhill-running",
}  # fmt: skip
SECTIONS = [
    "summary",
    "what_it_is",
    "why_runners_get_it",
    "symptoms_text",
    "treatment_text",
    "prevention_text",
    "when_to_seek_help",
]
CONTENT_MODELS = [
    Source, Condition, ConditionSymptom, ConditionExercise, Exercise, ExerciseStep,
    RiskFactor, RedFlag, Guide,
]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in CONTENT_MODELS}


def test_every_condition_from_the_design_is_published():
    published = set(Condition.objects.published().values_list("slug", flat=True))

    assert CONDITION_SLUGS <= published


@pytest.mark.parametrize("slug", sorted(CONDITION_SLUGS))
def test_condition_has_every_section_and_enough_links(slug):
    condition = Condition.objects.get(slug=slug)

    for section in SECTIONS:
        assert getattr(condition, section).strip(), f"{slug}: {section} is empty"
    assert condition.symptoms.count() >= 3
    assert condition.treatments.count() >= 3
    assert condition.exercises.count() >= 3
    assert condition.sources.count() >= 1
    assert condition.next_review_due > condition.last_reviewed
    assert condition.reviewed_by


def test_every_condition_exercise_link_has_a_phase_and_reason():
    links = ConditionExercise.objects.all()

    assert links
    for link in links:
        assert link.phase in {"early", "recovery", "prevention"}
        assert link.reason.strip()


def test_every_listed_exercise_exists_with_steps_a_dose_and_a_source():
    exercises = {exercise.slug: exercise for exercise in Exercise.objects.published()}

    assert EXERCISE_SLUGS <= set(exercises)
    for exercise in exercises.values():
        assert exercise.steps.count() >= 3, exercise.slug
        assert exercise.sets or exercise.reps or exercise.hold_seconds, exercise.slug
        assert exercise.frequency, exercise.slug
        assert exercise.sources.exists(), exercise.slug


def test_every_running_risk_factor_exists_with_advice():
    factors = RiskFactor.objects.published()

    assert RISK_FACTOR_SLUGS <= set(factors.values_list("slug", flat=True))
    assert all(factor.advice.strip() for factor in factors)


def test_red_flags_cover_emergency_and_urgent_signs():
    levels = set(RedFlag.objects.published().values_list("level", flat=True))

    assert levels == {Urgency.EMERGENCY, Urgency.URGENT}
    assert RedFlag.objects.filter(level=Urgency.EMERGENCY).count() >= 4
    assert RedFlag.objects.filter(level=Urgency.URGENT).count() >= 5


def test_the_three_guides_exist_and_running_guide_has_questions():
    guides = {guide.slug: guide for guide in Guide.objects.published()}

    assert {"running-with-back-pain", "about-this-site", "medical-disclaimer"} <= set(guides)
    assert guides["running-with-back-pain"].questions.count() >= 6


def test_loading_twice_leaves_the_same_rows():
    before = counts()

    call_command("load_content", stdout=StringIO())

    assert counts() == before


def test_an_edited_item_survives_a_second_load():
    condition = Condition.objects.get(slug="sciatica")
    condition.summary = "Edited by a clinician."
    condition.save()

    call_command("load_content", stdout=StringIO())

    condition.refresh_from_db()
    assert condition.summary == "Edited by a clinician."


def test_force_overwrites_an_edited_item():
    condition = Condition.objects.get(slug="sciatica")
    original = condition.summary
    condition.summary = "Edited by a clinician."
    condition.save()

    call_command("load_content", "--force", stdout=StringIO())

    condition.refresh_from_db()
    assert condition.summary == original


def test_force_overwrites_the_live_item_not_its_working_draft_which_shares_its_natural_key():
    live = Condition.objects.get(slug="sciatica")
    original = live.summary
    draft = workflow.open_working_draft(live, by=make_editor())
    draft.summary = "Edited in the draft."
    draft.save()
    draft_links = set(draft.conditionsymptom_set.values_list("symptom_id", flat=True))
    live.summary = "Edited live."
    live.save()

    call_command("load_content", "--force", stdout=StringIO())

    live.refresh_from_db()
    draft.refresh_from_db()
    assert live.summary == original
    assert draft.summary == "Edited in the draft."
    assert set(draft.conditionsymptom_set.values_list("symptom_id", flat=True)) == draft_links


def test_loaded_content_is_published_and_cites_sources():
    for model in (Condition, Exercise, RiskFactor, RedFlag, Guide):
        assert not model.objects.exclude(status=Status.PUBLISHED).exists(), model.__name__
        items = model.objects.all()
        assert items, f"the seed content should have its {model.__name__} rows"
        for item in items:
            assert item.sources.exists(), f"{model.__name__} {item.slug} cites no source"


def test_force_keeps_a_clinicians_publication_decision():
    condition = Condition.objects.get(slug="sciatica")
    condition.status = Status.DRAFT
    condition.save()

    call_command("load_content", "--force", stdout=StringIO())

    condition.refresh_from_db()
    assert condition.status == Status.DRAFT


def test_the_shipped_seed_leaves_no_live_item_linking_a_row_that_is_not_live():
    assert live_item_links()  # the seed links sources, symptoms and treatments
    assert live_item_links(not_live_only=True) == []


def write_fixture(folder, name, objects):
    (folder / name).write_text(json.dumps(objects), encoding="utf-8")


def test_fixtures_in_which_a_live_item_cites_a_draft_source_are_refused_and_nothing_is_saved(
    tmp_path,
):
    write_fixture(
        tmp_path,
        "01_sources.json",
        [
            {
                "model": "editorial.source",
                "fields": {
                    "key": "unreviewed-article",
                    "title": "An unreviewed article",
                    "author": "A. Writer",
                    "publisher": "A magazine",
                    "accessed": "2026-11-22",
                },
            }
        ],
    )
    write_fixture(
        tmp_path,
        "02_guides.json",
        [
            {
                "model": "conditions.guide",
                "fields": {
                    "title": "A guide that cites it",
                    "slug": "cites-a-draft",
                    "summary": "A summary.",
                    "body": "A body.",
                    "status": "published",
                    "sources": [["unreviewed-article"]],
                },
            }
        ],
    )

    with pytest.raises(CommandError) as refused:
        call_command("load_content", "--dir", str(tmp_path), stdout=StringIO())

    assert "“A guide that cites it” links source “An unreviewed article (A magazine)”" in str(
        refused.value
    )
    assert not Guide.objects.filter(slug="cites-a-draft").exists()
    assert not Source.objects.filter(key="unreviewed-article").exists()


def test_loading_puts_each_shipped_picture_in_an_empty_uploads_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    call_command("load_content", stdout=StringIO())

    shipped = sorted(p.relative_to(PICTURES) for p in PICTURES.rglob("*") if p.is_file())
    assert len(shipped) >= 2 * (35 + 8)
    for name in shipped:
        assert (tmp_path / name).read_bytes() == (PICTURES / name).read_bytes(), name


def test_loading_again_leaves_a_stored_picture_as_it_is(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_content", stdout=StringIO())
    stored = tmp_path / "exercises" / "dead-bug-1.png"
    stored.write_bytes(b"changed in the storage")

    call_command("load_content", stdout=StringIO())

    assert stored.read_bytes() == b"changed in the storage"
    assert sorted(p.name for p in stored.parent.glob("dead-bug-1*")) == [
        "dead-bug-1-thumbnail.webp",
        "dead-bug-1.png",
    ]
