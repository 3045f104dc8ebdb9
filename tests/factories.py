import datetime
from dataclasses import dataclass

import factory
from django.db.models import Max

from conditions.models import (
    Condition,
    ConditionSymptom,
    ConditionTreatment,
    Guide,
    GuideQuestion,
    RedFlag,
    RiskFactor,
    Status,
    Symptom,
    Treatment,
)
from conditions.urgency import Urgency
from editorial.models import Source
from exercises.models import ConditionExercise, Exercise, ExerciseStep
from triage.engine.scoring import assess
from triage.models import (
    LegSymptoms,
    Option,
    PainPhase,
    Question,
    Questionnaire,
    Rule,
    Submission,
    TriageTestCase,
)
from triage.questionnaire.rulebooks import rule_changes_held, rulebook_for

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


def next_version():
    return (Questionnaire.objects.aggregate(Max("version"))["version__max"] or 0) + 1


class QuestionnaireFactory(EditorialFactory):
    """A questionnaire version after the newest one; a draft, as the seed version is live and
    only one version may be (``small_questionnaire`` publishes one)."""

    class Meta:
        model = Questionnaire

    status = Status.DRAFT
    version = factory.LazyFunction(next_version)
    threshold = 4


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    section = Question.Section.SYMPTOMS
    order = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"question-{n}")
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = Question.Kind.SINGLE


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    order = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"option-{n}")
    label = factory.Sequence(lambda n: f"Answer {n}")


class RuleFactory(factory.django.DjangoModelFactory):
    """A weight toward a condition; pass ``condition=None, weight=0`` and a
    ``forced_disposition`` (or ``running``) for the other kinds of rule."""

    class Meta:
        model = Rule

    option = factory.SubFactory(OptionFactory)
    condition = factory.SubFactory(ConditionFactory)
    weight = 2
    reason = factory.Sequence(lambda n: f"Reason {n}")


class TriageTestCaseFactory(factory.django.DjangoModelFactory):
    """A clinician's worked example; expects self-care and no condition unless told."""

    class Meta:
        model = TriageTestCase

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    name = factory.Sequence(lambda n: f"C{n + 1} A worked example")
    answers = factory.LazyFunction(dict)
    expected_disposition = Urgency.SELF_CARE


@dataclass(frozen=True)
class SmallQuestionnaire:
    """What ``small_questionnaire`` made: the live version, the conditions and red flags its
    rules point to, and ``answers`` that walk it to a "see someone soon" result."""

    questionnaire: Questionnaire
    likely: Condition
    possible: Condition
    unlikely: Condition
    emergency_flag: RedFlag
    urgent_flag: RedFlag
    answers: dict

    @property
    def question_count(self):
        return self.questionnaire.questions.count()


@rule_changes_held()
def small_questionnaire():
    """A new live questionnaire version (the seed version is unpublished), asked in this order:

    1. ``sudden-weakness`` (emergency sign, yes/no, with a hint): "yes" forces an emergency.
    2. ``high-temperature`` (urgent sign, yes/no): "yes" forces an urgent result.
    3. ``years`` (number, 16 to 99), counted in bands ``16-to-39``, ``40-to-59`` and
       ``60-or-over``.
    4. ``started`` (single choice): ``suddenly`` (acute) or ``slowly`` (recovering).
    5. ``aggravators`` (multiple choice): ``bending``, ``coughing``, ``arching``, and
       ``nothing``, which cannot be combined.
    6. ``pain-spot`` (single choice): ``middle`` or ``hip``.
    7. ``crossed-leg-test`` (yes/no), asked only after ``pain-spot`` ``hip``.
    8. ``leg-feelings`` (multiple choice): ``tingling`` (nerve symptoms; forces "see someone
       soon"), ``numb`` (forces an emergency, so the questionnaire can stop at its last
       question) or ``nothing``, which cannot be combined.

    ``answers`` give ``likely`` a strong match (9), ``possible`` a possible one (4, the
    threshold) and ``unlikely`` nothing, and a "see someone soon" result because of the
    tingling. ``likely`` has an exercise for the early days. The version has one clinician
    test case, of these ``answers``, so a copy of it can be published.
    """
    likely, possible, unlikely = (
        ConditionFactory(name="Likely condition"),
        ConditionFactory(name="Possible condition"),
        ConditionFactory(name="Unlikely condition"),
    )
    ConditionExerciseFactory(condition=likely, phase="early")
    emergency_flag = RedFlagFactory(sign="Sudden weakness in both legs", level=Urgency.EMERGENCY)
    urgent_flag = RedFlagFactory(sign="A high temperature with back pain", level=Urgency.URGENT)
    questionnaire = QuestionnaireFactory()

    def ask(code, text, kind, section=Question.Section.SYMPTOMS, **fields):
        return QuestionFactory(
            questionnaire=questionnaire, code=code, text=text, kind=kind, section=section, **fields
        )

    def option(question, code, label, **fields):
        return OptionFactory(question=question, code=code, label=label, **fields)

    def forces(option, urgency, reason, flag=None):
        RuleFactory(
            option=option,
            condition=None,
            weight=0,
            forced_disposition=urgency,
            red_flag=flag,
            reason=reason,
        )

    def weighs(option, condition, weight, reason):
        RuleFactory(option=option, condition=condition, weight=weight, reason=reason)

    sudden = ask(
        "sudden-weakness",
        "Have both your legs suddenly become weak?",
        Question.Kind.YES_NO,
        Question.Section.EMERGENCY,
        help_text="In the last few days, not slowly over months.",
    )
    yes = option(sudden, "yes", "Yes")
    option(sudden, "no", "No")
    forces(yes, Urgency.EMERGENCY, "Both legs have suddenly become weak", emergency_flag)

    fever = ask(
        "high-temperature",
        "Do you have a high temperature?",
        Question.Kind.YES_NO,
        Question.Section.URGENT,
    )
    yes = option(fever, "yes", "Yes")
    option(fever, "no", "No")
    forces(yes, Urgency.URGENT, "You have a high temperature", urgent_flag)

    years = ask(
        "years", "How many years old are you?", Question.Kind.NUMBER, min_value=16, max_value=99
    )
    option(years, "16-to-39", "16 to 39", min_value=16, max_value=39)
    option(years, "40-to-59", "40 to 59", min_value=40, max_value=59)
    option(years, "60-or-over", "60 or over", min_value=60, max_value=99)

    started = ask("started", "How did it start?", Question.Kind.SINGLE)
    suddenly = option(started, "suddenly", "Suddenly", phase=PainPhase.ACUTE)
    option(started, "slowly", "Slowly", phase=PainPhase.RECOVERING)
    weighs(suddenly, likely, 4, "It came on suddenly")

    worse = ask("aggravators", "What makes it worse?", Question.Kind.MULTIPLE)
    bending = option(worse, "bending", "Bending forward")
    coughing = option(worse, "coughing", "Coughing or sneezing")
    arching = option(worse, "arching", "Leaning back")
    option(worse, "nothing", "None of these", exclusive=True)
    weighs(bending, likely, 3, "Bending forward makes it worse")
    weighs(bending, possible, 2, "Bending forward pulls on it")
    weighs(coughing, likely, 2, "Coughing or sneezing hurts")
    weighs(arching, possible, 3, "Leaning back makes it worse")

    spot = ask("pain-spot", "Where is the pain worst?", Question.Kind.SINGLE)
    option(spot, "middle", "In the middle of the back")
    hip = option(spot, "hip", "Near the hip")
    crossed = ask(
        "crossed-leg-test",
        "Does crossing your legs bring on the pain?",
        Question.Kind.YES_NO,
        show_if_option=hip,
    )
    yes = option(crossed, "yes", "Yes")
    option(crossed, "no", "No")
    weighs(yes, unlikely, 4, "Crossing your legs brings on the pain")

    leg = ask("leg-feelings", "Do you feel any of these in your leg?", Question.Kind.MULTIPLE)
    tingling = option(leg, "tingling", "Pins and needles", leg_symptoms=LegSymptoms.NERVE)
    numb = option(leg, "numb", "Numbness around your bottom")
    option(leg, "nothing", "None of these", exclusive=True)
    forces(tingling, Urgency.SOON, "Pins and needles in your leg")
    weighs(tingling, possible, 2, "Pins and needles in your leg")
    # Every emergency or urgent answer names its red flag, or the version cannot go live.
    forces(numb, Urgency.EMERGENCY, "Numbness around your bottom", emergency_flag)

    answers = {
        "sudden-weakness": "no",
        "high-temperature": "no",
        "years": 41,
        "started": "suddenly",
        "aggravators": ["bending", "coughing"],
        "pain-spot": "middle",
        "leg-feelings": ["tingling"],
    }
    TriageTestCaseFactory(
        questionnaire=questionnaire,
        name="S1 Sudden pain, worse bending and coughing, pins and needles",
        answers=answers,
        expected_disposition=Urgency.SOON,
        expected_top_condition=likely,
    )

    # Publish it as triage.publishing.publish does (only one version may be live), without the
    # clinical reviewer publish asks for; saving also forgets the remembered live version.
    for old in Questionnaire.objects.published():
        old.status = Status.DRAFT
        old.save()
    questionnaire.status = Status.PUBLISHED
    questionnaire.save()
    return SmallQuestionnaire(
        questionnaire=questionnaire,
        likely=likely,
        possible=possible,
        unlikely=unlikely,
        emergency_flag=emergency_flag,
        urgent_flag=urgent_flag,
        answers=answers,
    )


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
