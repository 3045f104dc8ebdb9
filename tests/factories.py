import datetime

import factory

from conditions.models import (
    Condition,
    ConditionSymptom,
    ConditionTreatment,
    Guide,
    GuideQuestion,
    RedFlag,
    RiskFactor,
    Source,
    Status,
    Symptom,
    Treatment,
)
from conditions.urgency import Urgency
from exercises.models import ConditionExercise, Exercise, ExerciseStep
from triage.models import Questionnaire, Submission
from triage.rulebook import rulebook_for
from triage.scoring import assess

TODAY = datetime.date(2026, 11, 21)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    status = Status.PUBLISHED
    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    author = "A. Physio, Chartered physiotherapist"
    publisher = "Running Weekly"
    accessed = TODAY


class EditorialFactory(factory.django.DjangoModelFactory):
    status = Status.PUBLISHED
    last_reviewed = TODAY
    next_review_due = TODAY + datetime.timedelta(days=365)
    reviewed_by = "Test clinician, physiotherapist"


class ConditionFactory(EditorialFactory):
    class Meta:
        model = Condition

    name = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.Sequence(lambda n: f"condition-{n}")
    summary = "A short summary."
    what_it_is = "What it is."
    why_runners_get_it = "Why runners get it."
    symptoms_text = "How it feels."
    treatment_text = "How to treat it."
    prevention_text = "How to prevent it."
    when_to_seek_help = "When to get help."


class SymptomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Symptom

    status = Status.PUBLISHED

    name = factory.Sequence(lambda n: f"Symptom {n}")
    slug = factory.Sequence(lambda n: f"symptom-{n}")


class TreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treatment

    status = Status.PUBLISHED

    name = factory.Sequence(lambda n: f"Treatment {n}")
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    description = "Do this gently."


class RiskFactorFactory(EditorialFactory):
    class Meta:
        model = RiskFactor

    name = factory.Sequence(lambda n: f"Risk factor {n}")
    slug = factory.Sequence(lambda n: f"risk-factor-{n}")
    summary = "A running habit."
    description = "Why it matters."
    advice = "What to change."


class RedFlagFactory(EditorialFactory):
    class Meta:
        model = RedFlag

    sign = factory.Sequence(lambda n: f"Warning sign {n}")
    slug = factory.Sequence(lambda n: f"red-flag-{n}")
    level = Urgency.EMERGENCY
    what_to_do = "Call 999."


class ExerciseFactory(EditorialFactory):
    class Meta:
        model = Exercise

    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.Sequence(lambda n: f"exercise-{n}")
    summary = "A useful exercise."
    purpose = "Builds strength."
    body_area = Exercise.BodyArea.CORE
    equipment = Exercise.Equipment.MAT
    difficulty = Exercise.Difficulty.EASY
    sets = 3
    reps = 10
    frequency = "Once a day"
    easier = "Do fewer."
    harder = "Do more."
    cautions = "Stop if it hurts more."


class ExerciseStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseStep

    exercise = factory.SubFactory(ExerciseFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Do the next thing."


class ConditionSymptomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConditionSymptom

    condition = factory.SubFactory(ConditionFactory)
    symptom = factory.SubFactory(SymptomFactory)


class ConditionTreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConditionTreatment

    condition = factory.SubFactory(ConditionFactory)
    treatment = factory.SubFactory(TreatmentFactory)
    phase = "early"


class ConditionExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConditionExercise

    condition = factory.SubFactory(ConditionFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    phase = "recovery"
    reason = "Builds support around the spine."


class GuideFactory(EditorialFactory):
    class Meta:
        model = Guide

    title = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "A guide."
    body = "Guide text."


class GuideQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideQuestion

    guide = factory.SubFactory(GuideFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."
    order = factory.Sequence(lambda n: n + 1)


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A finished questionnaire scored by the real rules: pass ``answers`` (and
    ``questionnaire``, else the live version)."""

    class Meta:
        model = Submission

    questionnaire = factory.LazyFunction(Questionnaire.objects.live)
    answers = factory.LazyFunction(dict)
    consent_to_keep = True
    result = factory.LazyAttribute(
        lambda submission: assess(
            answers=submission.answers, rules=rulebook_for(submission.questionnaire)
        ).as_dict()
    )
    disposition = factory.LazyAttribute(lambda submission: submission.result["disposition"])


def complete_condition(**fields):
    """A published condition with something in every part of its page: symptoms, treatments, a
    risk factor, an exercise, a related condition and a source."""
    condition = ConditionFactory(**fields)
    ConditionSymptomFactory(condition=condition)
    ConditionTreatmentFactory(condition=condition)
    ConditionExerciseFactory(condition=condition)
    condition.risk_factors.add(RiskFactorFactory())
    condition.related_conditions.add(ConditionFactory())
    condition.sources.add(SourceFactory())
    return condition
