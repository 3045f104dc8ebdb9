"""Helpers for the FHIR tests: stored results of the seed questionnaire and their exports."""

from django.utils import timezone

from triage.engine import scoring
from triage.live import fhir, flow
from triage.models import Submission
from triage.questionnaire.rulebooks import rulebook_for

BASE = "https://runners-back.example"


def stored(questionnaire, answers, **fields):
    """A result as ``views.finish`` stores it: the shown answers and their assessment."""
    rules = rulebook_for(questionnaire)
    answers = flow.shown_answers(answers=answers, rules=rules)
    result = scoring.assess(answers=answers, rules=rules)
    return Submission.objects.create(
        questionnaire=questionnaire,
        answers=answers,
        result=result.as_dict(),
        disposition=result.disposition,
        **fields,
    )


def unsaved(questionnaire, answers):
    """The same, kept in memory: for property tests that must not write per example."""
    rules = rulebook_for(questionnaire)
    answers = flow.shown_answers(answers=answers, rules=rules)
    result = scoring.assess(answers=answers, rules=rules)
    return Submission(
        questionnaire=questionnaire,
        answers=answers,
        result=result.as_dict(),
        disposition=result.disposition,
        created=timezone.now(),
        token="property-sample",
    )


def bundle(submission, content=None):
    address = f"{BASE}{submission.get_absolute_url()}"
    return fhir.bundle_of(submission, base=BASE, address=address, content=content)


def resources(bundle, kind):
    return [
        entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind
    ]


def served_questionnaire(questionnaire):
    return fhir.questionnaire_of(questionnaire, base=BASE)


def link_ids(items):
    """Every linkId in these items and the items nested in them."""
    return {item["linkId"] for item in items} | {
        link for item in items for link in link_ids(item.get("item", []))
    }
