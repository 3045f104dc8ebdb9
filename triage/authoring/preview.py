"""Staff walk any questionnaire version as a runner would, at ``/check/preview/<version>/``.

The pages are the live ones (``triage.live.views``) with a banner; the run is kept in its own
cookie and nothing is stored as a submission. At the end, the answers can be saved as a test
case of that version, prefilled from the outcome.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from triage.authoring.case_form import CaseForm
from triage.engine import scoring
from triage.live import flow
from triage.live.responses import no_questionnaire
from triage.live.results import result_context
from triage.live.runs import keeps_run
from triage.models import Submission
from triage.questionnaire.rulebooks import rulebook_for
from triage.questionnaire.versions import is_editable, record_change


def staff_only(view):
    """Previews are for staff who may see questionnaire versions; others log in or get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not (request.user.is_staff and request.user.has_perm("triage.view_questionnaire")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def finished_run(request):
    """(questionnaire, run, rules), or a redirect when the preview has no finished walk."""
    walk = request.walk
    questionnaire = walk.questionnaire()
    if questionnaire is None:
        return None, None, None, no_questionnaire(request)
    run = flow.Run.load(request.triage)
    if run is None or run.version != questionnaire.version or not run.finished:
        messages.info(request, _("Walk the questionnaire to the end to see the result."))
        return None, None, None, redirect(walk.url("start"))
    return questionnaire, run, rulebook_for(questionnaire), None


def outcome_of(questionnaire, run, rules):
    """An unsaved submission holding what the live site would store for these answers."""
    answers = flow.shown_answers(answers=run.answers, rules=rules)
    outcome = scoring.assess(answers=answers, rules=rules)
    return Submission(
        questionnaire=questionnaire,
        answers=answers,
        result=outcome.as_dict(),
        disposition=outcome.disposition,
        created=timezone.now(),
    )


def may_save_case(user, questionnaire):
    """A draft version not awaiting review, and a clinician who may add test cases."""
    return is_editable(questionnaire) and user.has_perm("triage.add_triagetestcase")


def render_result(request, questionnaire, submission, form=None, status=200):
    walk = request.walk
    if form is None and may_save_case(request.user, questionnaire):
        form = CaseForm.prefilled(questionnaire, submission)
    template = (
        "triage/emergency.html"
        if submission.disposition == scoring.EMERGENCY
        else "triage/result.html"
    )
    context = {
        **result_context(submission),
        "walk": walk.links(),
        "result_url": walk.url("result"),
        "result_address": request.build_absolute_uri(),
        "case_form": form,
        # The fragment brings a refused form (a taken name, say) into view on a long page.
        "case_action": walk.url("save_case") + "#save-case-heading",
        "version_admin_url": reverse("admin:triage_questionnaire_change", args=[questionnaire.pk]),
    }
    return TemplateResponse(request, template, context, status=status)


@never_cache
@require_safe
@staff_only
@keeps_run
def result(request):
    questionnaire, run, rules, refusal = finished_run(request)
    if refusal:
        return refusal
    return render_result(request, questionnaire, outcome_of(questionnaire, run, rules))


@never_cache
@require_http_methods(["POST"])
@staff_only
@keeps_run
def save_case(request):
    """Save the previewed answers as a test case of this (draft) version."""
    questionnaire, run, rules, refusal = finished_run(request)
    if refusal:
        return refusal
    if not may_save_case(request.user, questionnaire):
        raise PermissionDenied
    submission = outcome_of(questionnaire, run, rules)
    form = CaseForm(request.POST, questionnaire=questionnaire, answers=submission.answers)
    if not form.is_valid():
        return render_result(request, questionnaire, submission, form=form, status=400)
    with transaction.atomic():
        case = form.save()
        record_change(
            questionnaire,
            by=request.user,
            comment=_("Added test case “%(name)s” from a preview") % {"name": case.name},
        )
    messages.success(
        request,
        _("The answers were saved as test case “%(name)s” of version %(version)s.")
        % {"name": case.name, "version": questionnaire.version},
    )
    return redirect("admin:triage_questionnaire_accuracy", questionnaire.pk)
