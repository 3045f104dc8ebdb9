from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def questionnaire_id_of(instance):
    """The questionnaire a question, option or rule belongs to (None once it is gone)."""
    from triage.models import Option, Question

    if isinstance(instance, Question):
        return instance.questionnaire_id
    if isinstance(instance, Option):
        return (
            Question.objects.filter(pk=instance.question_id)
            .values_list("questionnaire_id", flat=True)
            .first()
        )
    return (
        Option.objects.filter(pk=instance.option_id)
        .values_list("question__questionnaire_id", flat=True)
        .first()
    )


def rules_changed(sender, instance, raw=False, **kwargs):
    """Any edit to a version's questions, options or rules makes its cached rule book stale."""
    if raw:
        return
    from triage.rulebook import mark_rules_changed

    questionnaire_id = questionnaire_id_of(instance)
    if questionnaire_id is not None:
        mark_rules_changed(questionnaire_id)


def live_rules_using(field):
    """A usage finder: the live questionnaire's rules that point to an item through ``field``."""

    def finder(item):
        from triage.models import Rule

        rules = Rule.objects.filter(
            **{field: item.draft_of_id or item.pk},
            option__question__questionnaire__status="published",
        ).select_related("option__question__questionnaire")
        return [
            (
                f"live questionnaire version {rule.option.question.questionnaire.version}, "
                f"rule “{rule.option.question.text} → {rule.option.label}”: {rule.reason}",
                True,
            )
            for rule in rules
        ]

    return finder


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Symptom questionnaire"

    def ready(self):
        import reversion

        from conditions.models import Condition, RedFlag, RiskFactor
        from editorial import registry
        from editorial.workflow import VersionedCopy
        from triage import versions
        from triage.models import Option, Question, Questionnaire, Rule, Submission, TriageTestCase
        from triage.rulebook import forget_live_questionnaire
        from triage.views import forget_result

        # The questionnaire's versions go through the one publication workflow; a revision
        # keeps a whole version: its questions with their options and rules, and its cases.
        for model, follow in (
            (Rule, ()),
            (Option, ("rules",)),
            (Question, ("options",)),
            (TriageTestCase, ()),
        ):
            reversion.register(model, follow=follow)
        registry.register(
            Questionnaire,
            follow=["questions", "test_cases"],
            nested=[Question, Option, Rule, TriageTestCase],
            fixture="08_questionnaire.json",
            strategy=VersionedCopy(
                copy=versions.copy_as_draft,
                refusals=versions.refusals,
                snapshot=versions.snapshot,
                snapshot_of_version=versions.snapshot_of_version,
                unpublish_refusal=versions.UNPUBLISH_REFUSAL,
            ),
        )

        for signal in (post_save, post_delete):
            signal.connect(
                forget_live_questionnaire,
                sender=Questionnaire,
                dispatch_uid=f"triage-live-{signal}",
            )
        post_delete.connect(forget_result, sender=Submission, dispatch_uid="triage-result")

        for model, field in (
            (Condition, "condition"),
            (RedFlag, "red_flag"),
            (RiskFactor, "risk_factor"),
        ):
            registry.add_usage_finder(model, live_rules_using(field))
        for model in (Question, Option, Rule):
            for signal in (post_save, post_delete):
                signal.connect(
                    rules_changed, sender=model, dispatch_uid=f"triage-{model.__name__}-{signal}"
                )
