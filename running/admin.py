from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from editorial import diff
from editorial.admin import EditorialAdmin, PartInline
from running import cases, progression
from running.models import Programme, ProgrammeTestCase, Stage
from running.words import REASON_WORDS, decision_words


class StageInline(PartInline):
    """One row a stage, narrow enough for a 1,280 px screen: short column headings (the help
    icon keeps the whole explanation), small number boxes, the session in a box of three lines."""

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
    short_labels = {
        "number": _("stage"),
        "sessions_to_move_on": _("good sessions"),
        "max_pain_during": _("pain during"),
        "max_pain_after": _("pain after"),
        "max_pain_next_morning": _("next morning"),
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "session":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 30})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field, forms.IntegerField):
            field.widget.attrs["class"] = "vIntegerField narrow-number"
        if field is not None and db_field.name in self.short_labels:
            field.label = capfirst(self.short_labels[db_field.name])
        return field


class ProgrammeTestCaseForm(PartInline.form):
    def clean_steps(self):
        steps = self.cleaned_data["steps"]
        try:
            cases.parse(steps)
        except cases.BadStep as error:
            raise forms.ValidationError(str(error)) from error
        return steps


class ProgrammeTestCaseInline(PartInline):
    # Stacked: each case's steps and their help text in full, and whether it passes in view.
    template = "admin/edit_inline/stacked.html"
    model = ProgrammeTestCase
    form = ProgrammeTestCaseForm
    fields = ("name", "steps", "passes")
    readonly_fields = ("passes",)
    extra = 0

    @admin.display(description=_("Passes"))
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


STAGE_COLUMNS = StageInline.fields  # the review's table shows what the editor edits


def marked(before, after):
    """One cell of the stages table: the text, with what the draft changes marked (the live
    words struck out, the draft's underlined)."""
    return before if before == after else diff.merged_diff(before, after)


def stages_diff(live, draft):
    """The draft's stages as one table against the live programme's (``None``: a new
    programme), stage by stage, with the flare rule and stop pain every stage shares; for the
    review page, where the stages were one run-on line each."""
    old = {stage.number: stage for stage in live.stages.all()} if live else {}
    new = {stage.number: stage for stage in draft.stages.all()}
    rows = []
    for number in sorted(old.keys() | new.keys()):
        before, after = old.get(number), new.get(number)
        cells = [
            marked(
                str(getattr(before, name)) if before else "",
                str(getattr(after, name)) if after else "",
            )
            for name in STAGE_COLUMNS
        ]
        state = "removed" if after is None else "added" if before is None and live else ""
        rows.append({"cells": cells, "state": state})
    shared = {
        "on_flare": draft.get_on_flare_display().lower(),
        "stop_pain": str(draft.stop_pain),
    }
    if live:
        shared = {
            "on_flare": marked(live.get_on_flare_display().lower(), shared["on_flare"]),
            "stop_pain": marked(str(live.stop_pain), shared["stop_pain"]),
        }
    return render_to_string(
        "admin/running/programme/_stages_diff.html",
        {"rows": rows, "has_live": live is not None, **shared},
    )


@admin.register(Programme)
class ProgrammeAdmin(EditorialAdmin):
    list_display = ("name", "for_running", "condition", *EditorialAdmin.list_display[1:])
    list_filter = (*EditorialAdmin.list_filter, "for_running")
    search_fields = ("name", "summary", "introduction")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("condition",)
    inlines = (StageInline, ProgrammeTestCaseInline)
    change_form_template = "admin/running/programme/change_form.html"
    review_template = "admin/running/programme/review.html"

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

    def review_extra_context(self, request, draft, live):
        stages = list(draft.stages.all())
        results = cases.case_results(draft, stages) if stages else []
        return {
            "part_table_label": str(capfirst(Stage._meta.verbose_name_plural)),
            "part_table": stages_diff(live, draft),
            "case_results": results,
            "passing_count": sum(not problems for _case, problems in results),
            "simulate_url": reverse("admin:running_programme_simulate", args=[draft.pk]),
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {
            "simulate_url": reverse("admin:running_programme_simulate", args=[object_id])
            if object_id and str(object_id).isdigit()
            else ""
        }
        return super().change_view(
            request, object_id, form_url, extra_context={**extra, **(extra_context or {})}
        )
