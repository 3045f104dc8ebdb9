import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from config import views
from config.sitemaps import sitemaps
from core import views as core_views

handler400 = "core.views.bad_request"
handler500 = "core.views.server_error"
media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))

urlpatterns = [
    # The questionnaire first: a walk is ~50 small requests, so its addresses are tried first.
    path("check/", include("triage.urls")),
    path("", include("running.urls")),
    path("fhir/", include("triage.fhir_urls")),
    path("", include("conditions.urls")),
    path("exercises/", include("exercises.urls")),
    path("", include("core.urls")),
    path("search/", include("search.urls")),
    path("robots.txt", core_views.robots_txt, name="robots"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    # Sources moved from the conditions app to editorial: clinicians' bookmarks still work.
    re_path(
        rf"^{re.escape(settings.ADMIN_URL)}conditions/source/(?P<rest>.*)$",
        RedirectView.as_view(
            url=f"/{settings.ADMIN_URL}editorial/source/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # Uploads, on the local disk or in S3, reach browsers only through this view, which
    # checks that their item is live (or that staff ask).
    re_path(rf"^{media_prefix}(?P<path>.*)$", views.media, name="media"),
]
