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


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Symptom questionnaire"

    def ready(self):
        from triage.models import Option, Question, Rule

        for model in (Question, Option, Rule):
            for signal in (post_save, post_delete):
                signal.connect(
                    rules_changed, sender=model, dispatch_uid=f"triage-{model.__name__}-{signal}"
                )
