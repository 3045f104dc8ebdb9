from django.urls import path

from triage.authoring import preview
from triage.live import fhir_views, views
from triage.live.walk import PREVIEW

app_name = "triage"

urlpatterns = [
    path("", views.start, name="start"),
    path("q/<slug:code>/", views.question, name="question"),
    path("answers/", views.check_answers, name="check_answers"),
    path("result/<slug:token>/", views.result, name="result"),
    path("result/<slug:token>/change/", views.change_answers, name="change_answers"),
    path("result/<slug:token>/fhir/", fhir_views.result_fhir, name="result_fhir"),
    path("result/<slug:token>/summary/", views.result_summary, name="result_summary"),
    path("result/<slug:token>/sheet/", views.result_sheet, name="result_sheet"),
]

staff = preview.staff_only
on_preview = {"walk": PREVIEW}
urlpatterns += [
    path("preview/<int:version>/", staff(views.start), on_preview, name="preview_start"),
    path(
        "preview/<int:version>/q/<slug:code>/",
        staff(views.question),
        on_preview,
        name="preview_question",
    ),
    path(
        "preview/<int:version>/answers/",
        staff(views.check_answers),
        on_preview,
        name="preview_check_answers",
    ),
    path("preview/<int:version>/result/", preview.result, on_preview, name="preview_result"),
    path(
        "preview/<int:version>/save-case/",
        preview.save_case,
        on_preview,
        name="preview_save_case",
    ),
]
