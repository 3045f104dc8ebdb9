from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config import views
from config.sitemaps import SITEMAPS

handler500 = "config.views.server_error"

urlpatterns = [
    path("", include("conditions.urls")),
    path("exercises/", include("exercises.urls")),
    path("check/", include("triage.urls")),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(settings.ADMIN_URL, admin.site.urls),
]
