from django.apps import AppConfig


class RunningConfig(AppConfig):
    name = "running"
    verbose_name = "Return to running"

    def ready(self):
        from editorial import registry
        from editorial.workflow import WorkingDraft
        from running import cases, models, views

        registry.register(
            models.Programme,
            parts=[(models.Stage, "programme"), (models.ProgrammeTestCase, "programme")],
            preview=views.programme_preview,
            strategy=WorkingDraft(refusals=cases.refusals),
            fixture="10_programmes.json",
        )
