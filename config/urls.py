from django.conf import settings
from django.contrib import admin
from django.urls import path
from django.views.generic import TemplateView

handler500 = "config.views.server_error"

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path(settings.ADMIN_URL, admin.site.urls),
]
