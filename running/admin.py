from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from editorial.admin import EditorialAdmin, PartInline
from running import cases, progression
from running.models import Programme, ProgrammeTestCase, Stage
from running.words import REASON_WORDS, decision_words


class StageInline(PartInline):
    model = Stage
    fields = (
        "number",
        "name",
        "session",
        "minutes",
        "sessions_to_move_on",
        "max_pain_during",
        "max_pain_after",
        "max_pain_next_morning",
    )


class ProgrammeTestCaseForm(PartInline.form):
    def clean_steps(self):
        steps = self.cleaned_data["steps"]
        try:
            cases.parse(steps)
        except cases.BadStep as error:
            raise forms.ValidationError(str(error)) from error
        return steps


class ProgrammeTestCaseInline(PartInline):
    # Stacked: each case's steps and their help text in full, and "Passes?" in view.
    template = "admin/edit_inline/stacked.html"
    model = ProgrammeTestCase
    form = ProgrammeTestCaseForm
    fields = ("name", "steps", "passes")
    readonly_fields = ("passes",)
    extra = 0

    @admin.display(description=_("Passes?"))
    def passes(self, case):
        if case.pk is None:
            return "–"
        problems = cases.case_problems(case.programme.rules(), case)
        return _("Yes") if not problems else _("No: %(why)s") % {"why": "; ".join(problems)}


class SimulationForm(forms.Form):
    steps = forms.CharField(
        label=_("Sessions"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 40}),
        help_text=_(
            "One session a line: pain during, pain after, next-morning pain ('-' if not yet "
            "checked), 'leg' if pain, numbness or tingling in a leg started, got worse or "
            "spread further down, and, if one was reported, the red flag "
            "('emergency' or 'urgent'). An expected decision at the end of a line is checked "
            "too. For example: 2 3 1 repeat, 1 1 1 leg stop."
        ),
    )

    def clean_steps(self):
        """The steps, with ``self.checked`` the numbers of those written with a decision (the
        others get a placeholder, shown unchecked). Blank lines stay, so an error names the
        line as the clinician sees it."""
        lines, self.checked = [], set()
        for raw in self.cleaned_data["steps"].strip().splitlines():
            words = cases.as_written(raw).split()  # "step back" is one decision
            if words:
                if words[-1] in progression.ACTIONS:
                    self.checked.add(1 + sum(map(bool, lines)))
                else:
                    words.append(progression.REPEAT)
            lines.append(" ".join(words))
        try:
            return cases.parse("\n".join(lines))
        except cases.BadStep as error:
            raise forms.ValidationError(str(error)) from error


def simulation_rows(rules, steps, checked):
    """[(number, session, decision, stage name, words, expected or "")] for the preview table."""
    outcome = cases.run(rules, steps)
    rows, from_stage = [], 1
    for number, (step, decision) in enumerate(zip(steps, outcome.decisions, strict=True), start=1):
        rows.append(
            {
                "number": number,
                "session": step.session,
                "decision": decision,
                "action": decision_words(decision, from_stage),
                "reason": REASON_WORDS[decision.reason],
                "stage": rules.stages[decision.stage - 1].name,
                "expected": cases.spoken(step.expected) if number in checked else "",
                "matches": step.expected == decision.action,
            }
        )
        from_stage = decision.stage
    return rows


@admin.register(Programme)
class ProgrammeAdmin(EditorialAdmin):
    list_display = ("name", "for_running", "condition", *EditorialAdmin.list_display[1:])
    list_filter = (*EditorialAdmin.list_filter, "for_running")
    search_fields = ("name", "summary", "introduction")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("condition",)
    inlines = (StageInline, ProgrammeTestCaseInline)
    change_form_template = "admin/running/programme/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/simulate/",
                self.admin_site.admin_view(self.simulate),
                name="running_programme_simulate",
            ),
            *super().get_urls(),
        ]

    def simulate(self, request, pk):
        """Walk a simulated runner through any pain sequence and show each decision."""
        programme = self.get_object(request, str(pk))
        if programme is None or not self.has_view_permission(request, programme):
            raise PermissionDenied
        stages = list(programme.stages.all())
        form = SimulationForm(request.GET if "steps" in request.GET else None)
        rows = []
        if stages and form.is_valid():
            rows = simulation_rows(
                programme.rules(stages), form.cleaned_data["steps"], form.checked
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "programme": programme,
            "stages": stages,
            "form": form,
            "rows": rows,
            "title": _("Try the programme: %(name)s") % {"name": programme},
            "change_url": reverse("admin:running_programme_change", args=[programme.pk]),
        }
        return TemplateResponse(request, "admin/running/simulate.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {
            "simulate_url": reverse("admin:running_programme_simulate", args=[object_id])
            if object_id and str(object_id).isdigit()
            else ""
        }
        return super().change_view(
            request, object_id, form_url, extra_context={**extra, **(extra_context or {})}
        )
