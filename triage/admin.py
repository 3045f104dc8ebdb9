"""Clinician admin for the questionnaire: versions, questions, options, rules, test cases.

A version is a draft under the one publication workflow (``editorial.workflow``, strategy
``triage.questionnaire.versions``): submitted for review, reviewed side by side against the live version,
published by another clinical reviewer once every test case passes. Every page that changes a
version (the version, a question, an option, a rule, a test case, the rules grid) carries the
version's edit counter, refuses a save from a page opened before someone else's change (naming
it, keeping what was typed) and keeps a revision of the whole version with who made it.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from editorial import workflow
from editorial.admin import (
    EditorialAdmin,
    EditorialForm,
    KeepTypedTextMixin,
    KeyedAutocompleteMixin,
    KeyedAutocompleteSelect,
    LongTextMixin,
    taken_off_text,
)
from editorial.models import ReviewRequest, Status
from triage.authoring import admin_views
from triage.authoring.admin_views import VersionRowForm
from triage.insights.admin_views import InsightsUrlsMixin
from triage.live import fhir
from triage.live.results import answer_summary
from triage.models import (
    RESULTS_MADE_REFUSAL,
    Option,
    Question,
    Questionnaire,
    Rule,
    Submission,
    TriageTestCase,
    asking_order_by,
    replaced_refusal,
)
from triage.questionnaire import versions
from triage.questionnaire.cases import (
    answer_labels,
    cases_of,
    condition_names,
    natural_key,
    report_for,
    run_case,
    version_accuracy,
)
from triage.questionnaire.rulebooks import rulebook_for
from triage.questionnaire.versions import (
    copy_as_draft,
    is_editable,
    record_change,
    version_of,
    why_fixed,
)


def version_words(questionnaire):
    """A version in a few words: v2 draft, v1 live, v3 awaiting review."""
    if questionnaire.status == Status.PUBLISHED:
        state = _("live")
    elif questionnaire.is_submitted:
        state = _("awaiting review")
    else:
        state = _("draft")
    return f"v{questionnaire.version} {state}"


def answer_words(option):
    """An answer as clinicians know it, with its version: "v2 draft · What makes it worse? →
    Bending forwards" (the codes are the rows' keys, not their names)."""
    question = option.question
    return f"{version_words(question.questionnaire)} · {question.text} → {option.label}"


class AnswerAutocompleteView(AutocompleteJsonView):
    """The answers a question's "show if" or a rule may pick: only those of versions that can
    still change, each named with its version, question and label."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(question__questionnaire__in=Questionnaire.objects.editable())
            .select_related("question__questionnaire")
            .order_by("-question__questionnaire__version", *asking_order_by("question__"), "order")
        )

    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "text": answer_words(obj)}


class AnswerSelect(KeyedAutocompleteSelect):
    url_name = "%s:triage_option_answers"

    def __init__(self, field, admin_site, attrs=None, choices=(), using=None):
        # Wide enough for "v2 draft · What makes the pain worse? → Bending forwards", at most
        # the row (admin_layout.css); select2 reads data-width (a style attribute breaks the CSP).
        attrs = {"data-width": "36em", **(attrs or {})}
        super().__init__(field, admin_site, attrs, choices, using)


class AnswerChoicesMixin:
    """An answer is picked by its words and version (``AnswerAutocompleteView``), never by
    "worse → Bending forwards" once per version."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        picks_answer = db_field.related_model is Option
        if picks_answer and db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", AnswerSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if picks_answer and field is not None:
            field.queryset = field.queryset.select_related("question__questionnaire")
            field.label_from_instance = answer_words
        return field


def refuse_or_delete_selected(modeladmin, request, queryset):
    """Django's "Delete selected", first refusing in plain words rows of a version that cannot
    change (its stock page says only that the account may not delete them)."""
    fixed = {version for obj in queryset if not is_editable(version := version_of(obj))}
    if fixed:
        for version in sorted(fixed, key=lambda v: v.version):
            modeladmin.refuse_delete(request, version)
        return None
    return delete_selected(modeladmin, request, queryset)


class VersionRowsAdmin(
    AnswerChoicesMixin,
    LongTextMixin,
    KeyedAutocompleteMixin,
    KeepTypedTextMixin,
    admin.ModelAdmin,
):
    """Questions, options, rules and test cases: changed only on a draft version that is not
    awaiting review; each save or delete is counted and kept as a revision of the version."""

    form = VersionRowForm
    parent_field = None  # the link to what the row belongs to: never moved to another version

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.parent_field and self.parent_field not in fields:
            fields.append(self.parent_field)
        return fields

    def is_read_only(self, obj):
        """Its version is live or awaiting review."""
        version = version_of(obj) if obj is not None else None
        return version is not None and not is_editable(version)

    def has_change_permission(self, request, obj=None):
        return not self.is_read_only(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_read_only(obj) and super().has_delete_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "opened_version"]
        return [*fields, "opened_version"] if self.has_change_permission(request, obj) else fields

    def save_refusal(self, request, obj):
        if obj is None:
            return _("This no longer exists: someone deleted it after you opened the page.")
        version = version_of(obj)
        if version is not None and workflow.is_live(version):
            return _(
                "Version %(version)s went live after you opened the page, and the live version "
                "is read-only. Start a new draft from it to make your change."
            ) % {"version": version.version}
        if version is not None and version.is_submitted:
            return _(
                "Version %(version)s was submitted for review after you opened the page, so it "
                "is locked until a reviewer sends it back or it is withdrawn from review."
            ) % {"version": version.version}
        if version is not None and version.is_replaced:
            return replaced_refusal(version)
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with transaction.atomic():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        version = version_of(form.instance)
        if version is not None:
            verb = _("Changed") if change else _("Added")
            record_change(
                version,
                by=request.user,
                comment=f"{verb} {self.model._meta.verbose_name} “{form.instance}”",
            )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _function, name, description = actions["delete_selected"]
            actions["delete_selected"] = (refuse_or_delete_selected, name, description)
        return actions

    def refuse_delete(self, request, version):
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                why_fixed(version),
                reverse("admin:triage_questionnaire_changelist"),
                _("Questionnaire versions"),
            ),
            messages.ERROR,
        )

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        version = version_of(obj) if obj is not None else None
        if version is not None and not is_editable(version):
            self.refuse_delete(request, version)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        version = version_of(obj)
        if not is_editable(version):
            raise workflow.EditorialRefused(_("This version cannot be changed now."))
        super().delete_model(request, obj)
        record_change(
            version, by=request.user, comment=f"Deleted {self.model._meta.verbose_name} “{obj}”"
        )

    def delete_queryset(self, request, queryset):
        versions = {version_of(obj) for obj in queryset}
        if not all(is_editable(version) for version in versions):
            raise workflow.EditorialRefused(_("These rows belong to a version that cannot change."))
        super().delete_queryset(request, queryset)
        for version in versions:
            record_change(
                version, by=request.user, comment=f"Deleted {self.model._meta.verbose_name_plural}"
            )


class VersionRowsInline(AnswerChoicesMixin, KeyedAutocompleteMixin, admin.TabularInline):
    extra = 0

    def editable(self, obj):
        return obj is None or is_editable(version_of(obj))

    def has_add_permission(self, request, obj=None):
        return self.editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.editable(obj) and super().has_delete_permission(request, obj)


def outcome_text(report):
    if report.outcome.passed:
        return _("Pass")
    return format_html("{}: {}", _("Fail"), "; ".join(report.reasons))


class QuestionInline(VersionRowsInline):
    model = Question
    fields = ["section", "order", "code", "text", "kind", "show_if_option"]
    autocomplete_fields = ["show_if_option"]
    show_change_link = True

    def get_ordering(self, request):
        return asking_order_by()  # as runners are asked: section, then order


class QuestionnaireForm(EditorialForm):
    """The version's settings, with its edit counter (see ``EditorialForm``)."""


@admin.register(Questionnaire)
class QuestionnaireAdmin(InsightsUrlsMixin, EditorialAdmin):
    form = QuestionnaireForm
    list_display = ["version", "title", "state", "reviewed_on", "review_due", "tests"]
    list_filter = ["status"]
    search_fields = ["title", "notes"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "version",
                    "title",
                    "threshold",
                    "plan_size",
                    "notes",
                    "sources",
                    "opened_version",
                ]
            },
        ),
        (
            _("Publication and review"),
            {
                "fields": ["status", "reviewed_on", "review_due", "signed_by"],
                "description": _("Set by the publish and review actions of a clinical reviewer."),
            },
        ),
    ]
    inlines = [QuestionInline]
    actions = ["mark_reviewed", "copy_version"]
    change_form_template = "triage/admin/questionnaire_change_form.html"
    change_list_template = "triage/admin/questionnaire_change_list.html"
    review_template = "admin/triage/questionnaire/review.html"

    @admin.display(description=_("state"))
    def state(self, questionnaire):
        if workflow.is_live(questionnaire):
            return _("Live")
        if questionnaire.is_replaced and questionnaire.made_results():
            return format_html(
                "{} · {}", taken_off_text(questionnaire), _("kept as it was for its results")
            )
        if questionnaire.is_replaced:
            return taken_off_text(questionnaire)
        if questionnaire.made_results():
            return _("Was live · kept as it was for its results")
        return format_html("{} · {}", _("Draft"), questionnaire.get_review_request_display())

    @staticmethod
    def kept_as_it_was(obj):
        """Replaced by a later version, or results were made with it: read-only like the live
        version (``refuse_if_fixed``); a new draft is copied from it instead."""
        return (
            obj is not None
            and not workflow.is_live(obj)
            and (obj.is_replaced or obj.made_results())
        )

    def has_change_permission(self, request, obj=None):
        if self.kept_as_it_was(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.kept_as_it_was(obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_refusal(self, request, obj):
        if obj is not None and not workflow.is_live(obj) and obj.is_replaced:
            return replaced_refusal(obj)
        if obj is not None and not workflow.is_live(obj) and obj.made_results():
            return RESULTS_MADE_REFUSAL % {"version": obj.version}
        return super().save_refusal(request, obj)

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
                "<int:pk>/rules/", view(admin_views.rules_grid), name="triage_questionnaire_rules"
            ),
            path(
                "<int:pk>/accuracy/",
                view(admin_views.accuracy_panel),
                name="triage_questionnaire_accuracy",
            ),
            path(
                "new-draft/", view(admin_views.start_draft), name="triage_questionnaire_new_draft"
            ),
            path(
                "<int:pk>/new-draft/",
                view(admin_views.start_draft_from),
                name="triage_questionnaire_new_draft_from",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Not EditorialAdmin's automatic revision: record_change keeps one of the whole
        # version once its questions are saved too.
        with transaction.atomic():
            return KeepTypedTextMixin.changeform_view(
                self, request, object_id, form_url, extra_context
            )

    def save_model(self, request, obj, form, change):
        obj.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        note = request.POST.get("_change_note", "").strip()
        record_change(form.instance, by=request.user, comment=note or str(_("Saved")))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        questionnaire = self.get_object(request, object_id)
        live = Questionnaire.objects.live()
        extra = {}
        if questionnaire is not None:
            extra = {
                "changes": admin_views.changes_against_live(questionnaire, live),
                "accuracy": version_accuracy(questionnaire, live),
                "live": live,
                "preview_url": self.preview_url(questionnaire),
                "replaced_note": replaced_refusal(questionnaire)
                if questionnaire.is_replaced
                else "",
                **self.fhir_context(request, questionnaire),
            }
        return super().change_view(
            request, object_id, form_url, extra_context={**extra, **(extra_context or {})}
        )

    def fhir_context(self, request, questionnaire):
        """The version as a FHIR Questionnaire, read-only, with the addresses a clinic's IT
        person is given (served to the public only once the version is published)."""
        base = request.build_absolute_uri("/").rstrip("/")
        questionnaire.retired = versions.served_as_retired(questionnaire)
        resource = fhir.questionnaire_of(questionnaire, base=base)
        return {
            "fhir_canonical": fhir.questionnaire_url(base),
            "fhir_address": fhir.questionnaire_address(base, questionnaire.version),
            "fhir_code_system": fhir.code_system_address(base, questionnaire.version),
            "fhir_served": questionnaire.is_published or questionnaire.retired,
            "fhir_json": json.dumps(resource, ensure_ascii=False, indent=2),
        }

    def preview_url(self, obj):
        return reverse("triage:preview_start", args=[obj.version])

    def review_extra_context(self, request, draft, live):
        return {"accuracy": version_accuracy(draft, live), "questionnaire": draft}

    def may_restore(self, request):
        return False  # an earlier version is copied into a new draft instead

    @admin.action(description=_("Copy the selected versions into new drafts"), permissions=["add"])
    def copy_version(self, request, queryset):
        for questionnaire in queryset:
            copy = copy_as_draft(questionnaire)
            workflow.save_revision(
                copy,
                user=request.user,
                comment=_("New draft copied from version %(version)s")
                % {"version": questionnaire.version},
            )
            messages.success(
                request,
                _("Version %(old)s was copied to draft version %(new)s.")
                % {"old": questionnaire.version, "new": copy.version},
            )


class OptionInline(VersionRowsInline):
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
        "trait",
    ]
    show_change_link = True


@admin.register(Question)
class QuestionAdmin(VersionRowsAdmin):
    parent_field = "questionnaire"
    list_display = ["code", "text", "questionnaire", "section", "order", "kind"]
    list_filter = ["questionnaire", "section", "kind"]
    search_fields = ["code", "text"]
    list_select_related = ["questionnaire"]
    autocomplete_fields = ["questionnaire", "show_if_option"]
    inlines = [OptionInline]


class RuleInline(VersionRowsInline):
    model = Rule
    fk_name = "option"
    fields = [
        "condition",
        "weight",
        "rules_out",
        "forced_disposition",
        "red_flag",
        "running",
        "risk_factor",
        "only_with",
        "reason",
    ]
    autocomplete_fields = ["only_with"]


@admin.register(Option)
class OptionAdmin(VersionRowsAdmin):
    parent_field = "question"
    list_display = ["label", "code", "question", "order"]
    list_filter = ["question__questionnaire"]
    search_fields = ["code", "label", "question__code", "question__text"]
    list_select_related = ["question"]
    autocomplete_fields = ["question"]
    inlines = [RuleInline]

    def get_urls(self):
        answers = AnswerAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path("answers/", self.admin_site.admin_view(answers), name="triage_option_answers"),
            *super().get_urls(),
        ]


@admin.register(Rule)
class RuleAdmin(VersionRowsAdmin):
    parent_field = "option"
    list_display = [
        "answer",
        "version",
        "condition",
        "weight",
        "rules_out_column",
        "forced_disposition",
        "running",
        "reason",
        "codes",
    ]
    list_filter = ["option__question__questionnaire", "condition", "forced_disposition", "running"]
    search_fields = [
        "reason",
        "option__code",
        "option__label",
        "option__question__code",
        "option__question__text",
    ]
    list_select_related = ["option__question__questionnaire", "condition"]
    autocomplete_fields = ["option", "only_with"]

    @admin.display(description=_("answer"), ordering="option__question__text")
    def answer(self, rule):
        """The question's text and the answer's label, as runners read them."""
        return f"{rule.option.question.text} → {rule.option.label}"

    @admin.display(description=_("version"), ordering="option__question__questionnaire__version")
    def version(self, rule):
        return version_words(rule.option.question.questionnaire)

    @admin.display(description=_("rules out"), boolean=True, ordering="rules_out")
    def rules_out_column(self, rule):
        return rule.rules_out

    @admin.display(description=_("codes"))
    def codes(self, rule):
        return f"{rule.option.question.code} → {rule.option.code}"


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
class TriageTestCaseAdmin(VersionRowsAdmin):
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

    def get_fields(self, request, obj=None):
        return [
            name for _title, opts in self.get_fieldsets(request, obj) for name in opts["fields"]
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"], _names = admin_views.answers_form(self.version_for(request, obj))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        questionnaire = self.version_for(request, obj)
        _form, names = admin_views.answers_form(questionnaire)
        if obj is not None and not self.has_change_permission(request, obj):
            names = ["answers_as_given"]
        return [
            (
                None,
                {"fields": ["questionnaire", "name", "description", *self.counter(request, obj)]},
            ),
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

    def counter(self, request, obj):
        return ["opened_version"] if self.has_change_permission(request, obj) else []

    def get_readonly_fields(self, request, obj=None):
        return ["questionnaire", "answers_as_given"] if obj is not None else []

    @admin.display(description=_("answers"))
    def answers_as_given(self, case):
        rows = [(text, ", ".join(labels)) for text, labels in answer_summary(case)]
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "questionnaire":
            kwargs["queryset"] = Questionnaire.objects.exclude(status=Status.PUBLISHED).exclude(
                review_request=ReviewRequest.SUBMITTED
            )
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
        labels = answer_labels(questionnaire) if questionnaire else None
        title = (
            format_html("{} (v{})", label, questionnaire.version)
            if questionnaire
            else format_html("{} ({})", label, _("none"))
        )

        @admin.display(description=title)
        def column(case):
            return outcome_text(report_for(case, rules, names, labels=labels)) if rules else "-"

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
