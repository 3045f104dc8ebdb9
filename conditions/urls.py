from django.urls import path

from conditions import views

app_name = "conditions"

urlpatterns = [
    path("urgent-help/", views.urgent_help, name="urgent_help"),
    path("conditions/", views.ConditionListView.as_view(), name="list"),
    path("conditions/<slug:slug>/", views.ConditionDetailView.as_view(), name="detail"),
    path("running-factors/", views.RiskFactorListView.as_view(), name="risk_factors"),
    path(
        "running-factors/<slug:slug>/",
        views.RiskFactorDetailView.as_view(),
        name="risk_factor",
    ),
    path("guides/", views.guide_list, name="guides"),
    path("guides/<slug:slug>/", views.GuideDetailView.as_view(), name="guide"),
]
