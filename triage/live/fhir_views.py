"""The questionnaire and a result as FHIR JSON (``triage.live.fhir``): published definitions any
origin may read, and a result's download for a clinician."""

import json
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from triage.live import fhir
from triage.live.rate_limits import limit_result_lookups
from triage.live.result_lookup import stored_result
from triage.models import Questionnaire
from triage.questionnaire import versions


def site_base(request):
    """The site's address without a trailing slash, as FHIR canonical URLs start."""
    return request.build_absolute_uri("/").rstrip("/")


def fhir_response(resource, *, status=200, filename=""):
    response = HttpResponse(
        json.dumps(resource, ensure_ascii=False, indent=2),
        content_type=f"{fhir.FHIR_JSON}; charset=utf-8",
        status=status,
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


FHIR_REFUSALS = {
    404: ("not-found", _lazy("Not found.")),
    410: ("deleted", _lazy("This result has been deleted: results are kept for a set time.")),
}


def fhir_not_found(request, status=404):
    """A FHIR ``OperationOutcome`` saying why nothing is served (404, or 410 for a result past
    its retention days), so a clinic's system reads JSON, not the HTML page."""
    code, diagnostics = FHIR_REFUSALS[status]
    outcome = {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": str(diagnostics)}],
    }
    return fhir_response(outcome, status=status)


# Published definitions (a version's Questionnaire and CodeSystem) are public: any origin may
# read them, and a found version may be reused for a while; a version can be retired, or
# answer 404 once a replaced version is edited, so not for long.
DEFINITION_MAX_AGE = 300


def public_definition(view):
    """Any origin may read the answer (``Access-Control-Allow-Origin: *``, redirects and 404s
    included, so a script sees them); a 200 may be cached ``DEFINITION_MAX_AGE`` seconds by
    anyone, anything else never. Result downloads never come through here."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=DEFINITION_MAX_AGE)
        else:
            add_never_cache_headers(response)
        return response

    return wrapper


def published_version(version):
    """The questionnaire version with this number if the public may read it, or None: the live
    version, or one that was live and is unchanged since (marked ``retired``: results made with
    it name it); drafts are never served."""
    questionnaire = Questionnaire.objects.filter(version=version).first()
    if questionnaire is None or questionnaire.is_published:
        return questionnaire
    questionnaire.retired = versions.served_as_retired(questionnaire)
    return questionnaire if questionnaire.retired else None


def to_live_version(request, name):
    """A canonical URL resolves to the version live now (302: it changes on a publish)."""
    questionnaire = Questionnaire.objects.live()
    if questionnaire is None:
        return fhir_not_found(request)
    return redirect(name, version=questionnaire.version)


@public_definition
@require_safe
def fhir_live_questionnaire(request):
    return to_live_version(request, "fhir:questionnaire")


@public_definition
@require_safe
def fhir_live_code_system(request):
    return to_live_version(request, "fhir:code_system")


def served_definition(request, version, build):
    """A published (or retired) version's FHIR resource made by ``build``, or a 404."""
    questionnaire = published_version(version)
    if questionnaire is None:
        return fhir_not_found(request)
    return fhir_response(build(questionnaire, base=site_base(request)))


@public_definition
@require_safe
def fhir_questionnaire(request, version):
    return served_definition(request, version, fhir.questionnaire_of)


@public_definition
@require_safe
def fhir_code_system(request, version):
    return served_definition(request, version, fhir.code_system_of)


@never_cache
@require_safe
@limit_result_lookups
def result_fhir(request, token):
    """The result as a FHIR Bundle to download for a clinician: never stored by a cache, and
    its address is logged only with the token redacted (``config.logs``). An unknown or
    expired address answers a FHIR ``OperationOutcome``, not the HTML page."""
    submission, refusal = stored_result(request, token)
    if refusal:
        return fhir_not_found(request, status=refusal.status_code)
    address = request.build_absolute_uri(submission.get_absolute_url())
    bundle = fhir.bundle_of(submission, base=site_base(request), address=address)
    filename = f"runners-back-result-{submission.created:%Y-%m-%d}.fhir.json"
    return fhir_response(bundle, filename=filename)
