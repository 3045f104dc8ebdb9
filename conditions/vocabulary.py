"""The values shared vocabularies are stored and compared as, written once.

Plain constants, no Django: the pure engines (``triage.engine.scoring``, ``triage.live.plans``,
``running.progression``) use them as they are, and the models' choices add the translated
labels (``conditions.urgency.Urgency``, ``conditions.models.Phase``).
"""

# How urgently to get help, most urgent first: a red flag's level is one of the first two, a
# questionnaire result's disposition any of the four.
EMERGENCY, URGENT, SOON, SELF_CARE = "emergency", "urgent", "soon", "self_care"
URGENCIES = (EMERGENCY, URGENT, SOON, SELF_CARE)
RED_FLAG_LEVELS = (EMERGENCY, URGENT)

# The part of recovery a treatment or exercise is for, in order; an exercise plan starts at one
# and moves on through the next.
EARLY, RECOVERY, PREVENTION = "early", "recovery", "prevention"
PHASES = (EARLY, RECOVERY, PREVENTION)
