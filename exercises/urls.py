from django.urls import path

from exercises import views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("sheet/", views.exercise_sheet, name="sheet"),
    path("<slug:slug>/", views.ExerciseDetailView.as_view(), name="detail"),
]
