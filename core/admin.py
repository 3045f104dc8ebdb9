from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Runner's Back clinician workspace")
admin.site.site_title = _("Runner's Back clinicians")
admin.site.index_title = _("Content, review and questionnaire")
