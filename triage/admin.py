"""Clinician admin for the questionnaire: versions, questions, options, rules, test cases."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from editorial.models import Status
from triage import authoring
from triage.cases import condition_names, natural_key, report_for, version_accuracy
from triage.insights_admin import InsightsUrlsMixin
from triage.models import Option, Question, Questionnaire, Rule, Submission, TriageTestCase
from triage.publishing import PublishRefused, copy_as_draft, publish
from triage.results import answer_summary
from triage.rulebook import cases_of, rulebook_for, run_case


def version_of(obj):
    """The questionnaire version a questionnaire, question, option or rule belongs to."""
    if isinstance(obj, Question):
        return obj.questionnaire
    if isinstance(obj, Option):
        return obj.question.questionnaire
    if isinstance(obj, Rule):
        return obj.option.question.questionnaire
    if isinstance(obj, TriageTestCase):
        return obj.questionnaire
    return obj


class DraftOnlyMixin:
    """The live version, its settings, questions, options, rules and test cases are read-only
    to everyone: copy it to a draft to change them (the models refuse such changes too)."""

    def is_live(self, obj):
        return (
            obj is not None
            and version_of(obj) is not None
            and version_of(obj).status == Status.PUBLISHED
        )

    def has_change_permission(self, request, obj=None):
        return not self.is_live(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_live(obj) and super().has_delete_permission(request, obj)


class DraftOnlyInlineMixin(DraftOnlyMixin):
    def has_add_permission(self, request, obj=None):
        return not self.is_live(obj) and super().has_add_permission(request, obj)


def outcome_text(report):
    if report.outcome.passed:
        return _("Pass")
    return format_html("{}: {}", _("Fail"), "; ".join(report.reasons))


class QuestionInline(DraftOnlyInlineMixin, admin.TabularInline):
    model = Question
    fields = ["section", "order", "code", "text", "kind", "show_if_option"]
    autocomplete_fields = ["show_if_option"]
    show_change_link = True
    extra = 0


class QuestionnaireForm(forms.ModelForm):
    """Refuses a save when the version changed after the page was opened (another person's
    save, or an edit in its rules grid), so nobody overwrites what they have not seen."""

    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_at"].initial = self.instance.updated.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            now = Questionnaire.objects.filter(pk=self.instance.pk).values_list(
                "updated", flat=True
            )
            if cleaned.get("opened_at") != now.first().isoformat():
                raise forms.ValidationError(
                    _(
                        "Someone else changed this version after you opened it, so nothing was "
                        "saved. Open it again to see their changes, then make yours."
                    )
                )
        return cleaned


@admin.register(Questionnaire)
class QuestionnaireAdmin(InsightsUrlsMixin, DraftOnlyMixin, admin.ModelAdmin):
    form = QuestionnaireForm
    list_display = ["version", "title", "status", "last_reviewed", "next_review_due", "tests"]
    list_filter = ["status"]
    search_fields = ["title", "notes"]
    readonly_fields = [
        "status",
        "last_reviewed",
        "next_review_due",
        "reviewed_by",
        "created",
        "updated",
    ]
    filter_horizontal = ["sources"]
    fields = [
        "version",
        "title",
        "status",
        "threshold",
        "notes",
        "last_reviewed",
        "next_review_due",
        "reviewed_by",
        "sources",
        "opened_at",
        "created",
        "updated",
    ]
    inlines = [QuestionInline]
    actions = ["publish_version", "copy_version"]
    change_form_template = "triage/admin/questionnaire_change_form.html"
    change_list_template = "triage/admin/questionnaire_change_list.html"

    @admin.display(description=_("test cases"))
    def tests(self, questionnaire):
        rules = rulebook_for(questionnaire)
        outcomes = [run_case(case, rules) for case in cases_of(questionnaire)]
        passed = sum(outcome.passed for outcome in outcomes)
        return _("%(passed)s of %(total)s pass") % {"passed": passed, "total": len(outcomes)}

    def get_urls(self):
        def view(function, *decorators):
            def bound(request, *args, **kwargs):
                return function(self, request, *args, **kwargs)

            for decorator in decorators:
                bound = decorator(bound)
            return self.admin_site.admin_view(bound)

        return [
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(require_POST(self.publish_view)),
                name="triage_questionnaire_publish",
            ),
            path("<int:pk>/rules/", view(authoring.rules_grid), name="triage_questionnaire_rules"),
            path(
                "<int:pk>/accuracy/",
                view(authoring.accuracy_panel),
                name="triage_questionnaire_accuracy",
            ),
            path(
                "new-draft/",
                view(authoring.start_draft, require_POST),
                name="triage_questionnaire_new_draft",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        questionnaire = self.get_object(request, object_id)
        live = Questionnaire.objects.live()
        extra = {}
        if questionnaire is not None:
            extra = {
                "changes": authoring.changes_against_live(questionnaire, live),
                "accuracy": version_accuracy(questionnaire, live),
                "live": live,
                "preview_url": reverse("triage:preview_start", args=[questionnaire.version]),
            }
        return super().change_view(
            request, object_id, form_url, extra_context={**extra, **(extra_context or {})}
        )

    def publish_view(self, request, pk):
        questionnaire = get_object_or_404(Questionnaire, pk=pk)
        if not self.has_publish_permission(request):
            messages.error(request, _("You do not have permission to publish questionnaires."))
        else:
            self.try_publish(request, questionnaire)
        return HttpResponseRedirect(
            reverse("admin:triage_questionnaire_change", args=[questionnaire.pk])
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("triage.publish_questionnaire")

    def try_publish(self, request, questionnaire):
        try:
            publish(questionnaire, by=request.user)
        except PublishRefused as refusal:
            messages.error(request, str(refusal))
            return False
        messages.success(
            request,
            _("Version %(version)s is now live; the previous version was unpublished.")
            % {"version": questionnaire.version},
        )
        return True

    @admin.action(
        description=_("Publish the selected version (all test cases must pass)"),
        permissions=["publish"],
    )
    def publish_version(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, _("Select exactly one version to publish."))
            return
        self.try_publish(request, queryset.get())

    @admin.action(description=_("Copy the selected versions into new drafts"), permissions=["add"])
    def copy_version(self, request, queryset):
        for questionnaire in queryset:
            copy = copy_as_draft(questionnaire)
            messages.success(
                request,
                _("Version %(old)s was copied to draft version %(new)s.")
                % {"old": questionnaire.version, "new": copy.version},
            )


class OptionInline(DraftOnlyInlineMixin, admin.TabularInline):
    model = Option
    fields = [
        "order",
        "code",
        "label",
        "exclusive",
        "min_value",
        "max_value",
        "phase",
        "leg_symptoms",
    ]
    show_change_link = True
    extra = 0


@admin.register(Question)
class QuestionAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["code", "text", "questionnaire", "section", "order", "kind"]
    list_filter = ["questionnaire", "section", "kind"]
    search_fields = ["code", "text"]
    list_select_related = ["questionnaire"]
    autocomplete_fields = ["questionnaire", "show_if_option"]
    inlines = [OptionInline]


class RuleInline(DraftOnlyInlineMixin, admin.TabularInline):
    model = Rule
    fk_name = "option"
    fields = [
        "condition",
        "weight",
        "forced_disposition",
        "red_flag",
        "running",
        "risk_factor",
        "only_with",
        "reason",
    ]
    autocomplete_fields = ["only_with"]
    extra = 0


@admin.register(Option)
class OptionAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["label", "code", "question", "order"]
    list_filter = ["question__questionnaire"]
    search_fields = ["code", "label", "question__code", "question__text"]
    list_select_related = ["question"]
    autocomplete_fields = ["question"]
    inlines = [RuleInline]


@admin.register(Rule)
class RuleAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["option", "condition", "weight", "forced_disposition", "running", "reason"]
    list_filter = ["option__question__questionnaire", "condition", "forced_disposition", "running"]
    search_fields = ["reason", "option__code", "option__label", "option__question__code"]
    list_select_related = ["option__question", "condition"]
    autocomplete_fields = ["option", "only_with"]


class NaturalOrderChangeList(ChangeList):
    """Cases listed C1, C2 … C10 (newest version first) unless a column is clicked."""

    def get_results(self, request):
        super().get_results(request)
        if ORDER_VAR not in self.params:
            self.result_list = sorted(
                self.result_list,
                key=lambda case: (-case.questionnaire.version, natural_key(case.name)),
            )


@admin.register(TriageTestCase)
class TriageTestCaseAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "questionnaire", "expected_disposition", "expected_top_condition"]
    list_filter = ["questionnaire"]
    search_fields = ["name", "description"]
    list_select_related = ["questionnaire", "expected_top_condition"]
    formfield_overrides = {
        TriageTestCase._meta.get_field("acceptable_top3").__class__: {
            "widget": forms.CheckboxSelectMultiple
        }
    }

    def get_changelist(self, request, **kwargs):
        return NaturalOrderChangeList

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("acceptable_top3")

    def version_for(self, request, obj=None):
        """The version whose questions the form shows: the case's own, the one chosen in the
        address or the form, or the newest draft."""
        if obj is not None:
            return obj.questionnaire
        chosen = request.POST.get("questionnaire") or request.GET.get("questionnaire")
        found = Questionnaire.objects.filter(pk=chosen).first() if str(chosen).isdigit() else None
        return found or Questionnaire.objects.exclude(status=Status.PUBLISHED).first()

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"], _names = authoring.answers_form(self.version_for(request, obj))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        questionnaire = self.version_for(request, obj)
        _form, names = authoring.answers_form(questionnaire)
        if obj is not None and not self.has_change_permission(request, obj):
            names = ["answers_as_given"]
        return [
            (None, {"fields": ["questionnaire", "name", "description"]}),
            (
                _("What the answers must give"),
                {
                    "fields": [
                        "expected_disposition",
                        "alternative_disposition",
                        "expected_top_condition",
                        "acceptable_top3",
                    ]
                },
            ),
            (
                _("Answers"),
                {
                    "fields": names,
                    "description": _(
                        "The questions of version %(version)s, as runners see them. Leave a "
                        "question not answered when these answers would not show it."
                    )
                    % {"version": questionnaire.version if questionnaire else "-"},
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        return ["questionnaire", "answers_as_given"] if obj is not None else []

    @admin.display(description=_("answers"))
    def answers_as_given(self, case):
        rows = [(text, ", ".join(labels)) for text, labels in answer_summary(case)]
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "questionnaire":
            kwargs["queryset"] = Questionnaire.objects.exclude(status=Status.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_display(self, request):
        """Pass or fail against the newest draft and the live version, checked on each view."""
        draft = Questionnaire.objects.exclude(status=Status.PUBLISHED).first()
        live = Questionnaire.objects.live()
        names = condition_names()
        columns = [
            self.outcome_column(key, label, questionnaire, names)
            for key, label, questionnaire in (
                ("draft", _("against draft"), draft),
                ("live", _("against live"), live),
            )
        ]
        return [*super().get_list_display(request), *columns]

    @staticmethod
    def outcome_column(key, label, questionnaire, names):
        rules = rulebook_for(questionnaire) if questionnaire else None
        title = (
            format_html("{} (v{})", label, questionnaire.version)
            if questionnaire
            else format_html("{} ({})", label, _("none"))
        )

        @admin.display(description=title)
        def column(case):
            return outcome_text(report_for(case, rules, names)) if rules else "-"

        column.__name__ = f"{key}_result"
        return column


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read only, and only the submissions whose authors agreed to clinician review."""

    list_display = ["created", "questionnaire", "disposition", "top_condition"]
    list_filter = ["disposition", "questionnaire"]
    list_select_related = ["questionnaire"]
    date_hierarchy = "created"
    fields = ["created", "questionnaire", "disposition", "answers", "result", "consent_to_keep"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(consent_to_keep=True)

    @admin.display(description=_("top condition"))
    def top_condition(self, submission):
        conditions = submission.result.get("conditions") or []
        return conditions[0]["condition"] if conditions else "-"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
