from django.urls import path

from triage import views

app_name = "triage"

urlpatterns = [
    path("", views.start, name="start"),
    path("q/<slug:code>/", views.question, name="question"),
    path("answers/", views.check_answers, name="check_answers"),
    path("result/<slug:token>/", views.result, name="result"),
]
