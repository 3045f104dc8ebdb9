"""What the site search reads from an exercise, by weight (A counts most): part of its
registration (``exercises.apps``)."""

from django.utils.translation import gettext_lazy as _

from editorial.registry import Search, joined

EXERCISE = Search(
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
)
