"""The insights page in the clinician admin: charts and a CSV of the results people agreed to
keep, for one questionnaire version and period. The figures come from ``triage.insights.report``."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from triage.insights import report
from triage.models import Questionnaire, retention_days

PERMISSION = "triage.view_submission"


class PeriodForm(forms.Form):
    """Which version and which days; anything missing or wrong falls back to the defaults."""

    version = forms.TypedChoiceField(label=gettext_lazy("Version"), coerce=int, required=False)
    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data, *, versions, live, today):
        super().__init__(data)
        self.versions = {questionnaire.version: questionnaire for questionnaire in versions}
        self.fields["version"].choices = [
            (questionnaire.version, str(questionnaire)) for questionnaire in versions
        ]
        default_start, default_end = report.default_period(today)
        newest = live or (versions[0] if versions else None)
        self.defaults = {
            "version": newest.version if newest else None,
            "start": default_start,
            "end": default_end,
        }
        for name, value in self.defaults.items():
            self.fields[name].initial = value

    def clean(self):
        data = super().clean()
        start = data.get("start") or self.defaults["start"]
        end = data.get("end") or self.defaults["end"]
        if start > end:
            raise forms.ValidationError(_("The first day must come before the last day."))
        if (end - start).days > report.MAX_DAYS:
            raise forms.ValidationError(
                _("Choose at most %(days)s days.") % {"days": report.MAX_DAYS}
            )
        return data

    def choice(self):
        """(questionnaire or None, start, end): the valid choice, or the defaults."""
        data = self.cleaned_data if self.is_valid() else {}
        picked = {name: data.get(name) or value for name, value in self.defaults.items()}
        return self.versions.get(picked["version"]), picked["start"], picked["end"]


def chosen(request):
    versions = list(Questionnaire.objects.order_by("-version"))
    live = next((q for q in versions if q.status == "published"), None)
    form = PeriodForm(request.GET or None, versions=versions, live=live, today=timezone.localdate())
    return (form, *form.choice())


def allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def insights_view(request, *, admin_site):
    allowed(request)
    form, questionnaire, start, end = chosen(request)
    figures = report.gather(questionnaire, start=start, end=end) if questionnaire else None
    query = request.GET.urlencode()
    context = {
        **admin_site.each_context(request),
        "title": _("Insights from kept results"),
        "form": form,
        "figures": figures,
        "retention_days": retention_days(),
        "small": report.SMALL,
        "small_max": report.SMALL - 1,
        "csv_url": reverse("admin:triage_insights_csv") + (f"?{query}" if query else ""),
    }
    return TemplateResponse(request, "admin/triage/insights.html", context)


def insights_csv(request):
    allowed(request)
    _form, questionnaire, start, end = chosen(request)
    table = request.GET.get("table", "")
    if questionnaire is None or (table and table not in report.CSV_TABLES):
        return HttpResponse(
            _("No such table, or no questionnaire version."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    figures = report.gather(questionnaire, start=start, end=end)
    name = f"insights-v{questionnaire.version}-{start}-to-{end}{'-' + table if table else ''}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    csv.writer(response).writerows(report.csv_rows(figures, table))
    return response


class InsightsUrlsMixin:
    """Adds the insights page and its CSV to a model admin's URLs (the questionnaire's):
    /admin/triage/questionnaire/insights/ and …/insights/csv/."""

    def get_urls(self):
        site = self.admin_site

        def page(request):
            return insights_view(request, admin_site=site)

        return [
            path("insights/", site.admin_view(page), name="triage_insights"),
            path("insights/csv/", site.admin_view(insights_csv), name="triage_insights_csv"),
            *super().get_urls(),
        ]
