"""Shared set-up for the questionnaire-authoring tests: a draft copied from the live version,
its rules as plain data, and a preview run put straight into its signed cookie."""

from django.urls import reverse

from tests.triage.answers import put_run
from triage.live.flow import PREVIEW_COOKIE
from triage.models import Rule


def rules_of(questionnaire):
    """{(question code, option code, condition slug, forced, running): (weight, reason)}."""
    rules = Rule.objects.filter(option__question__questionnaire=questionnaire).select_related(
        "option__question", "condition"
    )
    return {
        (
            rule.option.question.code,
            rule.option.code,
            rule.condition.slug if rule.condition else "",
            rule.forced_disposition,
            rule.running,
        ): (rule.weight, rule.reason)
        for rule in rules
    }


def a_weight_rule(questionnaire):
    return (
        Rule.objects.filter(option__question__questionnaire=questionnaire, condition__isnull=False)
        .select_related("option__question", "condition")
        .order_by("pk")
        .first()
    )


def grid_url(questionnaire):
    return reverse("admin:triage_questionnaire_rules", args=[questionnaire.pk])


def cell(rule):
    return f"w-{rule.option_id}-{rule.condition_id}"


def put_preview_run(client, questionnaire, answers, *, finished=False):
    """Give the client a preview run with these answers, as walking the pages would."""
    data = {
        "triage-run": {
            "version": questionnaire.version,
            "consent": False,
            "answers": answers,
            "token": "preview" if finished else "",
            "walk": "walk",
        }
    }
    put_run(client, data, PREVIEW_COOKIE)


def preview_url(questionnaire, name="start", **kwargs):
    return reverse(f"triage:preview_{name}", kwargs={"version": questionnaire.version, **kwargs})
