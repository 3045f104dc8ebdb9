"""The pages that say why a questionnaire page cannot be shown: the store or the database is
away, there is no such question or result, the run ended, the result is gone."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from conditions.selectors import red_flags_by_level
from triage.live import flow
from triage.live.walk import LIVE
from triage.models import retention_days


def answers_not_kept(request):
    context = {**red_flags_by_level(), "answers_not_kept": True}
    return TemplateResponse(request, "triage/unavailable.html", context, status=503)


def unavailable(request):
    return TemplateResponse(request, "triage/unavailable.html", red_flags_by_level(), status=503)


def session_ended(request, *, updated=False):
    flow.Run.clear(request.triage)
    context = {"updated": updated, "walk": request.walk.links()}
    return TemplateResponse(request, "triage/session_ended.html", context)


def not_found(request, *, template="triage/question_not_found.html"):
    walk = getattr(request, "walk", LIVE)
    return TemplateResponse(request, template, {"walk": walk.links()}, status=404)


def no_questionnaire(request):
    if request.walk.preview:
        raise Http404(_("There is no questionnaire version with that number."))
    return unavailable(request)


def result_gone(request):
    context = {"walk": LIVE.links(), "days": retention_days()}
    return TemplateResponse(request, "triage/result_gone.html", context, status=410)
