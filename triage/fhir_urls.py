"""The questionnaire as FHIR resources: only published versions, as JSON (``triage.fhir``)."""

from django.urls import path

from triage import views

app_name = "fhir"

urlpatterns = [
    path("Questionnaire/<int:version>", views.fhir_questionnaire, name="questionnaire"),
    path("CodeSystem/<int:version>", views.fhir_code_system, name="code_system"),
]
