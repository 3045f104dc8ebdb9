"""What the site search reads from this app's items, field by field, by weight (A counts
most): each ``Search`` is part of its model's registration (``conditions.apps``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conditions.models import Symptom, Treatment
from conditions.urgency import CALL_NUMBERS
from editorial.registry import Search, joined


def condition_text(condition):
    symptoms = [link.symptom for link in condition.shown_symptom_links]
    treatments = [link.treatment for link in condition.shown_treatment_links]
    return {
        "A": condition.name,
        "B": joined(condition.summary, *(symptom.name for symptom in symptoms)),
        "C": joined(
            condition.what_it_is,
            condition.why_runners_get_it,
            condition.symptoms_text,
            condition.treatment_text,
            condition.prevention_text,
            condition.when_to_seek_help,
            *(symptom.description for symptom in symptoms),
            *(joined(treatment.name, treatment.description) for treatment in treatments),
        ),
    }


def conditions_of(thing):
    return list(thing.conditions.values_list("pk", flat=True))


def red_flag_url(flag):
    return reverse("conditions:urgent_help") + f"#flag-{flag.slug}"


CONDITION = Search(
    kind=_("Condition"),
    weighted=condition_text,
    prefetch=("conditionsymptom_set__symptom", "conditiontreatment_set__treatment"),
    parents={Symptom: conditions_of, Treatment: conditions_of},
)
RISK_FACTOR = Search(
    kind=_("Running factor"),
    weighted=lambda factor: {
        "A": factor.name,
        "B": factor.summary,
        "C": joined(factor.description, factor.advice),
    },
)
RED_FLAG = Search(
    kind=_("Urgent help"),
    title=lambda flag: flag.sign,
    summary=lambda flag: flag.get_level_display(),
    url=red_flag_url,
    call=lambda flag: CALL_NUMBERS[flag.level],
    # The sign is a long sentence, so it weighs as a summary, not as a title.
    weighted=lambda flag: {
        "A": _("urgent help"),
        "B": flag.sign,
        "C": joined(flag.get_level_display(), flag.what_to_do),
    },
)
GUIDE = Search(
    kind=_("Guide"),
    title=lambda guide: guide.title,
    weighted=lambda guide: {
        "A": guide.title,
        "B": joined(guide.summary, *(item.question for item in guide.questions.all())),
        "C": joined(guide.body, *(item.answer for item in guide.questions.all())),
    },
    prefetch=("questions",),
)
