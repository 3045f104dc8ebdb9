import datetime

import pytest
from django.db import IntegrityError, transaction

from conditions.models import Condition, Status
from exercises.models import Exercise
from tests.factories import TODAY, ConditionFactory, ExerciseFactory, RedFlagFactory

pytestmark = pytest.mark.django_db


def test_review_constraint_rejects_a_next_review_before_the_last_review():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConditionFactory(last_reviewed=TODAY, next_review_due=TODAY - datetime.timedelta(days=1))


def test_review_constraint_rejects_a_next_review_on_the_same_day():
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseFactory(last_reviewed=TODAY, next_review_due=TODAY)


def test_published_excludes_drafts():
    published = ConditionFactory(status=Status.PUBLISHED)
    draft = ConditionFactory(status=Status.DRAFT)

    visible = set(Condition.objects.published())

    assert published in visible
    assert draft not in visible


def test_published_exercises_exclude_drafts():
    draft = ExerciseFactory(status=Status.DRAFT)

    assert draft not in Exercise.objects.published()


def test_exercise_dose_reads_as_a_sentence():
    exercise = ExerciseFactory.build(
        sets=2, reps=10, hold_seconds=5, per_side=True, frequency="Once a day"
    )

    assert exercise.dose == "2 sets of 10 reps, hold 5 seconds, each side, once a day"


def test_hold_only_dose_reads_as_a_sentence():
    exercise = ExerciseFactory.build(
        sets=None, reps=None, hold_seconds=30, per_side=False, frequency="Three times a day"
    )

    assert exercise.dose == "hold 30 seconds, three times a day"


def test_repeated_holds_read_as_holds_not_as_reps_and_a_hold():
    """An audit found "3 reps, hold 30 seconds" unclear: what is a rep of a hold?"""
    exercise = ExerciseFactory.build(
        sets=None, reps=3, hold_seconds=30, per_side=True, frequency="At least 2 days a week"
    )

    assert exercise.dose == "3 holds of 30 seconds, each side, at least 2 days a week"


def test_red_flag_reads_with_its_level():
    flag = RedFlagFactory.build(sign="Numbness in both legs")

    assert str(flag) == "Emergency: Numbness in both legs"
