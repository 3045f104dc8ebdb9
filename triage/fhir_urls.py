"""The questionnaire as FHIR resources: only published versions, as JSON (``triage.live.fhir``)."""

from django.urls import path

from triage.live import fhir, fhir_views

app_name = "fhir"

urlpatterns = [
    path(
        f"Questionnaire/{fhir.CANONICAL_NAME}",
        fhir_views.fhir_live_questionnaire,
        name="questionnaire_canonical",
    ),
    path("Questionnaire/<int:version>", fhir_views.fhir_questionnaire, name="questionnaire"),
    path(
        f"CodeSystem/{fhir.CANONICAL_NAME}",
        fhir_views.fhir_live_code_system,
        name="code_system_canonical",
    ),
    path("CodeSystem/<int:version>", fhir_views.fhir_code_system, name="code_system"),
]
