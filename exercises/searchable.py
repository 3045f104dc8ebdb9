"""What the site search reads from exercises, by weight (A counts most)."""

from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise, ExerciseStep
from search.registry import Searchable, joined, register

register(
    Searchable(
        model=Exercise,
        kind=_("Exercise"),
        weighted=lambda exercise: {
            "A": exercise.name,
            "B": joined(exercise.summary, exercise.get_body_area_display()),
            "C": joined(
                exercise.purpose,
                *(step.text for step in exercise.steps.all()),
                exercise.easier,
                exercise.harder,
                exercise.cautions,
            ),
        },
        prefetch=("steps",),
        parents={ExerciseStep: lambda step: [step.exercise_id]},
    ),
)
