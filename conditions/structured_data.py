"""schema.org JSON-LD for content pages, built as plain dictionaries."""

import re

SIGNED_BY_A_PERSON = re.compile(r"(?P<name>.+) \((?P<role>[^()]+)\)")  # editorial.review's label


def reviewer(reviewed_by):
    """Who signed the review off: a Person ("Priya Shah (clinical reviewer)"), or, for a
    sign-off that names only a role, the site's own organisation in that role."""
    signed = SIGNED_BY_A_PERSON.fullmatch(reviewed_by)
    if signed:
        return {"@type": "Person", "name": signed["name"], "jobTitle": signed["role"]}
    return {"@type": "Organization", "name": "Runner's Back", "description": reviewed_by}


def medical_web_page(item, request, *, name, description, main_entity=None):
    """The MedicalWebPage every content page carries, with its review details."""
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": name,
        "description": description,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "lastReviewed": item.last_reviewed.isoformat(),
        "reviewedBy": reviewer(item.reviewed_by),
        "dateModified": item.updated.date().isoformat(),
        "inLanguage": "en-GB",
        "audience": {"@type": "PeopleAudience", "audienceType": "Runners"},
    }
    if main_entity:
        page["mainEntity"] = main_entity
    return page


def medical_condition(condition):
    return {
        "@type": "MedicalCondition",
        "name": condition.name,
        "description": condition.summary,
        "signOrSymptom": [
            {"@type": "MedicalSignOrSymptom", "name": link.symptom.name}
            for link in condition.shown_symptom_links
        ],
        "possibleTreatment": [
            {"@type": "MedicalTherapy", "name": link.treatment.name}
            for link in condition.shown_treatment_links
        ],
        "riskFactor": [
            {"@type": "MedicalRiskFactor", "name": factor.name}
            for factor in condition.risk_factors.all()
        ],
    }


def exercise_plan(exercise):
    plan = {
        "@type": "ExercisePlan",
        "name": exercise.name,
        "description": exercise.summary,
        "exerciseType": exercise.get_body_area_display(),
        "intensity": exercise.get_difficulty_display(),
        "workload": exercise.dose,
        "activityFrequency": exercise.frequency,
    }
    if exercise.reps:
        plan["repetitions"] = exercise.reps
    return plan


def faq_page(guide, request):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": request.build_absolute_uri(guide.get_absolute_url()),
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer},
            }
            for item in guide.questions.all()
        ],
    }
