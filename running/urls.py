from django.urls import path

from running import views

app_name = "running"

LOG = "check/result/<slug:token>/programme/"  # under the result's address, redacted in logs

urlpatterns = [
    path(
        "return-to-running/<slug:slug>/",
        views.ProgrammeDetailView.as_view(),
        name="programme",
    ),
    path(LOG, views.log, name="log"),
    path(f"{LOG}start/", views.start, name="start"),
    path(f"{LOG}session/<int:number>/", views.session, name="session"),
    path(f"{LOG}morning/<int:number>/", views.morning, name="morning"),
    path(f"{LOG}weeks/<int:week>/", views.outcome, name="outcome"),
    path(f"{LOG}print/", views.printable, name="print"),
    path(f"{LOG}calendar.ics", views.calendar_file, name="calendar"),
]
