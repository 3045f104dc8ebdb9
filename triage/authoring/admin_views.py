"""Admin pages for writing the questionnaire: the rules grid, the accuracy panel, one button to
start a new draft from the live version, and test cases edited as the questionnaire's own
questions. ``triage.admin`` wires them into the questionnaire admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from editorial import diff, workflow
from editorial.admin import conflict_message
from triage.authoring.grid import GridForm, apply_grid, build_grid
from triage.engine import scoring
from triage.models import Questionnaire
from triage.questionnaire import versions
from triage.questionnaire.cases import version_accuracy
from triage.questionnaire.rulebooks import question_rows, rulebook_for
from triage.questionnaire.versions import is_editable, record_change, version_of


def admin_context(model_admin, request, questionnaire, title):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": questionnaire,
        "questionnaire": questionnaire,
        "title": title,
        "is_live": workflow.is_live(questionnaire),
        "preview_url": reverse("triage:preview_start", args=[questionnaire.version]),
    }


def rules_grid(model_admin, request, pk):
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    if not model_admin.has_view_permission(request, questionnaire):
        raise PermissionDenied
    may_change = request.user.has_perm("triage.change_rule")
    editable = may_change and is_editable(questionnaire)
    grid = build_grid(questionnaire)
    form = GridForm(request.POST if request.method == "POST" else None, grid=grid)
    status, refusal_note = 200, ""
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        refusal = save_grid(request, questionnaire, form, editable=editable)
        if refusal is None:
            return HttpResponseRedirect(request.get_full_path())
        status, refusal_note = refusal
    # A refused save: the boxes where the form differs from the grid saved now (what this
    # clinician typed, and what someone else saved meanwhile), marked and listed, so that
    # they can be entered again after a reload without hunting through every box.
    differing = [name for name in form.changed_data if name != "stamp"] if status == 409 else []
    context = {
        **admin_context(
            model_admin,
            request,
            questionnaire,
            _("Rules of version %(version)s") % {"version": questionnaire.version},
        ),
        "grid": grid,
        "form": form,
        "editable": editable or (request.method == "POST" and may_change),
        "show_codes": request.GET.get("codes") == "1",
        "refusal_note": refusal_note,
        "differing": set(differing),
        "differing_labels": [form.fields[name].label for name in differing],
        "totals": grid.most_each_can_score(),
    }
    return TemplateResponse(request, "admin/triage/rules_grid.html", context, status=status)


def save_grid(request, questionnaire, form, *, editable):
    """Save the grid's numbers, or say why not: None when saved, else (status, note). A refused
    save keeps every number typed in the form, with the reason above it."""
    opened = form.data.get("stamp", "")
    if not editable:
        return 409, grid_locked_message(questionnaire)
    if opened != str(questionnaire.edit_version):
        return 409, grid_conflict_message(questionnaire, opened)
    if not form.is_valid():
        return 400, ""
    try:
        with transaction.atomic():
            changed = apply_grid(form)
            record_change(
                questionnaire,
                by=request.user,
                comment=_("Rules grid: %(count)s rules changed") % {"count": changed},
            )
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return 400, ""
    messages.success(
        request,
        ngettext("%(count)s rule changed.", "%(count)s rules changed.", changed)
        % {"count": changed},
    )
    return None


def grid_locked_message(questionnaire):
    if workflow.is_live(questionnaire):
        text = _("Version %(version)s is live, so nothing was saved: start a new draft from it.")
    else:
        text = _(
            "Version %(version)s was submitted for review, so it is locked and nothing was "
            "saved until it is sent back or withdrawn from review."
        )
    return (text % {"version": questionnaire.version}) + " " + str(KEPT)


def grid_conflict_message(questionnaire, opened):
    try:
        opened = int(opened)
    except ValueError:
        opened = -1
    return conflict_message(questionnaire, opened)


KEPT = _(
    "Your numbers are still in the grid below: note them, reload the page and enter them again."
)


def accuracy_panel(model_admin, request, pk):
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    if not model_admin.has_view_permission(request, questionnaire):
        raise PermissionDenied
    live = Questionnaire.objects.live()
    context = {
        **admin_context(
            model_admin,
            request,
            questionnaire,
            _("Accuracy of version %(version)s") % {"version": questionnaire.version},
        ),
        "accuracy": version_accuracy(questionnaire, live),
        "live": live,
    }
    return TemplateResponse(request, "admin/triage/accuracy.html", context)


def start_draft(model_admin, request):
    """POST: copy the live version into a new draft and open it."""
    if request.method != "POST" or not model_admin.has_add_permission(request):
        raise PermissionDenied
    live = Questionnaire.objects.live()
    if live is None:
        messages.error(request, _("No version is live, so there is nothing to copy."))
        return HttpResponseRedirect(reverse("admin:triage_questionnaire_changelist"))
    with transaction.atomic():
        existing = workflow.working_draft_of(live)
        draft = workflow.open_working_draft(live, by=request.user)
    if existing is not None:
        messages.info(request, already_open(draft))
    else:
        messages.success(
            request,
            _(
                "Draft version %(new)s is a copy of live version %(old)s. Change it here or in "
                "its rules grid; runners keep seeing version %(old)s until a reviewer publishes "
                "this one."
            )
            % {"new": draft.version, "old": live.version},
        )
    return HttpResponseRedirect(reverse("admin:triage_questionnaire_change", args=[draft.pk]))


def already_open(draft):
    return _(
        "Version %(version)s is already the draft of the live version: this is it. One draft "
        "at a time, so that publishing one never undoes another's changes; make your changes "
        "here, or delete it first to start again."
    ) % {"version": draft.version}


def start_draft_from(model_admin, request, pk):
    """POST: copy an earlier version into a new draft and open it, to go back to it on purpose
    (the draft is reviewed against the live version like any other)."""
    if request.method != "POST" or not model_admin.has_add_permission(request):
        raise PermissionDenied
    earlier = get_object_or_404(Questionnaire, pk=pk)
    live = Questionnaire.objects.live()
    if live is not None and (existing := workflow.working_draft_of(live)) is not None:
        messages.warning(request, already_open(existing))
        return HttpResponseRedirect(
            reverse("admin:triage_questionnaire_change", args=[existing.pk])
        )
    with transaction.atomic():
        draft = versions.copy_as_draft(earlier)
        workflow.save_revision(
            draft,
            user=request.user,
            comment=_("New draft copied from version %(version)s") % {"version": earlier.version},
        )
    messages.success(
        request,
        _(
            "Draft version %(new)s is a copy of version %(old)s. Its review page shows what it "
            "changes against the live version; runners see no change until a reviewer "
            "publishes it."
        )
        % {"new": draft.version, "old": earlier.version},
    )
    return HttpResponseRedirect(reverse("admin:triage_questionnaire_change", args=[draft.pk]))


def changes_against_live(questionnaire, live):
    """The changed rows of the comparison (label, live text, this version's text, changed
    words marked) of everything a runner or the scoring sees; None for the live version."""
    if live is None or live.pk == questionnaire.pk:
        return None
    rows = diff.compare(versions.snapshot(live), versions.snapshot(questionnaire))
    return [row for row in rows if row["changed"]]


class VersionRowForm(forms.ModelForm):
    """A question, option, rule or test case form that carries its version's edit counter."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = version_of(self.instance) if self.instance.pk else None
        if version is not None:
            self.fields["opened_version"].initial = version.edit_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            chosen = next(
                (
                    cleaned[name]
                    for name in ("questionnaire", "question", "option")
                    if cleaned.get(name)
                ),
                None,
            )
            refusal = versions.why_fixed(version_of(chosen) if chosen is not None else None)
            if refusal:
                raise forms.ValidationError(refusal, code="version_locked")
            return cleaned
        version = version_of(self.instance)
        opened = cleaned.get("opened_version")
        if version is None or opened is None:
            return cleaned
        current = Questionnaire.objects.select_for_update().get(pk=version.pk)
        if current.edit_version != opened:
            raise forms.ValidationError(conflict_message(current, opened), code="edit_conflict")
        return cleaned

    def _post_clean(self):
        # The model's own check (``refuse_if_fixed``) would refuse the same version again, in
        # other words: the person reads one message.
        if self.has_error(forms.forms.NON_FIELD_ERRORS, code="version_locked"):
            return
        super()._post_clean()


class AnswersForm(VersionRowForm):
    """A test case whose answers are the questionnaire's own questions and options: radios,
    checkboxes and number boxes, never typed codes. Built per version by ``answers_form``."""

    answer_prefix = "answer__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = self.instance.answers if isinstance(self.instance.answers, dict) else {}
        for name in self.answer_fields():
            code = name.removeprefix(self.answer_prefix)
            if code in answers:
                self.fields[name].initial = answers[code]

    def answer_fields(self):
        return [name for name in self.fields if name.startswith(self.answer_prefix)]

    def clean(self):
        cleaned = super().clean()
        answers = {}
        for name in self.answer_fields():
            value = cleaned.get(name)
            if value in (None, "", []):
                continue
            answers[name.removeprefix(self.answer_prefix)] = value
        self.instance.answers = answers
        return cleaned


NOT_ANSWERED = ("", _("Not answered (question skipped or not shown)"))


def answer_field(question, options):
    label = question.text
    if question.kind == scoring.NUMBER:
        return forms.IntegerField(
            required=False,
            label=label,
            min_value=question.min_value,
            max_value=question.max_value,
        )
    choices = [(option.code, option.label) for option in options]
    if question.kind == scoring.MULTIPLE:
        return forms.MultipleChoiceField(
            required=False, label=label, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    return forms.ChoiceField(
        required=False,
        label=label,
        choices=[(NOT_ANSWERED[0], str(NOT_ANSWERED[1])), *choices],
        widget=forms.RadioSelect,
    )


def answers_form(questionnaire):
    """(form class, [answer field names]) for test cases of this version, in asking order."""
    fields = {}
    if questionnaire is not None:
        rows = question_rows(questionnaire)
        for ask in rulebook_for(questionnaire).questions:
            question, options = rows[ask.code]
            fields[AnswersForm.answer_prefix + ask.code] = answer_field(question, options)
    names = list(fields)
    # The form's metaclass takes the fields out of the dict it is given: give it a copy.
    return type("TestCaseAnswersForm", (AnswersForm,), dict(fields)), names
