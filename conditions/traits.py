"""What an exercise plan needs to know about the person, in one vocabulary.

The questionnaire says which answers show a trait (an option's ``trait``); an exercise's
cautions say which traits keep it out of "Do these now" (``exercises.ExerciseRule``). The two
leg traits come from what the answers say about the leg (an option's ``leg_symptoms``), so they
are never set on an option.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Trait(models.TextChoices):
    LEANING_BACK_HURTS = "leaning-back-hurts", _("leaning backwards hurts")
    BENDING_FORWARD_HURTS = "bending-forward-hurts", _("bending forwards hurts")
    LEG_PAIN = "leg-pain", _("pain or other symptoms reach the leg")
    NERVE_SYMPTOMS = (
        "nerve-symptoms",
        _("there is tingling, numbness, burning or weakness in a leg"),
    )
    NO_LEG_SYMPTOMS = "no-leg-symptoms", _("nothing reaches the leg")
    LEG_WEAKNESS = "leg-weakness", _("a leg feels weak or lacks power")


FROM_LEG = {Trait.LEG_PAIN, Trait.NERVE_SYMPTOMS, Trait.NO_LEG_SYMPTOMS}
ANSWER_TRAITS = [(value, label) for value, label in Trait.choices if value not in FROM_LEG]
