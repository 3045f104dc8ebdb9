from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Symptom questionnaire"

    def ready(self):
        # Imported here, not at the top: models and what imports them load once the app
        # registry is ready.
        import reversion

        from conditions.models import Condition, RedFlag, RiskFactor
        from editorial import registry
        from editorial.workflow import VersionedCopy
        from triage.live.result_pages import forget_result
        from triage.models import Option, Question, Questionnaire, Rule, Submission, TriageTestCase
        from triage.questionnaire import versions
        from triage.questionnaire.live_version import forget_live_questionnaire, live_rules_using
        from triage.questionnaire.rulebooks import rules_changed

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
                working_draft=versions.working_draft,
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
