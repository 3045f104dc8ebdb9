from django.urls import path

from exercises import views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("sheet/", views.exercise_sheet, name="sheet"),
    path("sheet/calendar.ics", views.exercise_sheet_calendar, name="sheet_calendar"),
    path("<slug:slug>/", views.ExerciseDetailView.as_view(), name="detail"),
]
