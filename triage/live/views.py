"""The questionnaire pages. Never cached by browsers: every response is marked no-store.

Post/redirect/get everywhere: a refused answer is kept in the session for one redirect and
shown on the GET, so Back and refresh never ask to send a form again. Pages are rendered
without the request (see ``triage.live.pages``), so the rendered HTML can be shared.
"""

import json
import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from conditions.views import red_flags_by_level
from config.client_ip import rate_limit_key
from config.middleware import DATABASE_DOWN
from core.caching import forget_result_page, keep_result_page, stored_result_page
from exercises.views import found_exercises, render_sheet
from triage.engine import scoring
from triage.insights.report import count_walk_reach
from triage.live import fhir, flow
from triage.live.forms import AnswerForm, StartForm
from triage.live.pages import cache_key, local_html, render_page, respond
from triage.live.results import (
    page_title,
    published_content,
    result_context,
    running_verdict,
    summary_context,
)
from triage.live.sharing import qr_svg
from triage.live.walk import LIVE
from triage.models import DeletedResult, Question, Questionnaire, Submission, retention_days
from triage.questionnaire import versions
from triage.questionnaire.rulebooks import question_rows, rulebook_for

logger = logging.getLogger(__name__)
# A result's sheet heads its "now" exercises as the result page does in the first days.
START_ONCE_EASED = _lazy("Start with these, once the first sharp pain has eased")

RESULT_URL_MARK = "triage-result-address-goes-here"
RESULT_QR_MARK = "<!-- triage-result-qr-code -->"
PREVIEW_TOKEN = "preview"


def per_minute(setting):
    """A django-ratelimit rate read from ``setting`` at each request; 0 is no limit."""

    def rate(group, request):
        count = getattr(settings, setting)
        return f"{count}/m" if count > 0 else None

    return rate


# Per client address (config/client_ip.py); over the limit, RATELIMIT_VIEW answers 429. A result
# look-up is counted before the token is looked up, so guessed tokens count like real ones.
limit_result_lookups = ratelimit(
    group="triage.result", key=rate_limit_key, rate=per_minute("RESULT_LOOKUPS_PER_MINUTE")
)
limit_final_submits = ratelimit(
    group="triage.final-submit",
    key=rate_limit_key,
    rate=per_minute("FINAL_SUBMITS_PER_MINUTE"),
    method="POST",
)


def keeps_run(view):
    """The view gets its walk (live, or a preview of ``version``) as ``request.walk`` and the
    run behind that walk's cookie as ``request.triage``; changes are kept when it answers. When
    the run store does not answer, the person is told their answers cannot be kept just now."""

    @wraps(view)
    def wrapper(request, *args, walk=LIVE, version=None, **kwargs):
        request.walk = walk.at(version) if walk.preview else walk
        try:
            request.triage = flow.RunStore(request, cookie=request.walk.cookie)
            return request.triage.write(view(request, *args, **kwargs))
        except flow.RunStoreUnavailable:
            return answers_not_kept(request)

    return wrapper


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


def current_run(request):
    """(questionnaire, run, None), or (…, an error response) when there is no usable run."""
    questionnaire = request.walk.questionnaire(fresh=False)
    if questionnaire is None:
        return None, None, no_questionnaire(request)
    run = flow.Run.load(request.triage)
    if run is None:
        return questionnaire, None, session_ended(request)
    if run.version != questionnaire.version:
        return questionnaire, None, session_ended(request, updated=True)
    return questionnaire, run, None


@never_cache
@require_http_methods(["GET", "POST"])
@keeps_run
def start(request):
    walk = request.walk
    # A new walk always starts on the version live now; the page itself may be a moment old.
    questionnaire = walk.questionnaire(fresh=request.method == "POST")
    if questionnaire is None:
        return no_questionnaire(request)
    form = StartForm(
        request.POST if request.method == "POST" else None,
        days=retention_days(),
    )
    rules = rulebook_for(questionnaire)
    if request.method == "POST" and form.is_valid():
        run = flow.Run(version=questionnaire.version, consent=form.cleaned_data["consent"])
        request.triage.renew()
        run.save(request.triage)
        return redirect(walk.question_url(rules.questions[0].code))
    run = flow.Run.load(request.triage)
    in_progress = run and not run.finished and run.version == questionnaire.version and run.answers
    context = {
        "form": form,
        "questionnaire": questionnaire,
        "question_count": len(rules.questions),
        "days": retention_days(),
        "resume_url": resume_url(walk, run, rules) if in_progress else "",
        "walk": walk.links(),
    }
    if form.is_bound:  # refused: shown once with its errors
        return TemplateResponse(request, "triage/start.html", context)
    # The page names its own address (canonical link, printed header), so that is in the key.
    key = cache_key(
        "start-page",
        questionnaire.pk,
        questionnaire.updated.isoformat(),
        context["resume_url"],
        context["days"],
        walk.links(),
        request.build_absolute_uri(),
    )
    html = local_html(key, "triage/start.html", lambda: {**context, "request": request})
    return respond(request, html)


def resume_url(walk, run, rules):
    """The first unanswered question, or check-your-answers when all are answered."""
    question = flow.first_unanswered(answers=run.answers, rules=rules)
    return walk.question_url(question.code) if question else walk.url("check_answers")


@never_cache
@require_http_methods(["GET", "POST"])
@keeps_run
def question(request, code):
    questionnaire, run, refusal = current_run(request)
    if refusal:
        return refusal
    changing = "change" in request.GET
    if run.finished and not changing:
        messages.info(
            request,
            _(
                "You have already finished the questionnaire, so here is your result. "
                "To change an answer, use the Change links on the check-your-answers page."
            ),
        )
        return redirect(result_url(request.walk, run))
    rules = rulebook_for(questionnaire)
    asked = rules.question(code)
    if asked is None:
        return not_found(request)
    if not flow.may_open(code, answers=run.answers, rules=rules):
        if scoring.is_shown(asked, run.answers, rules):
            messages.warning(request, _("Please answer the questions in order, starting here."))
        else:
            messages.warning(request, _("That question does not apply to your answers."))
        return redirect(resume_url(request.walk, run, rules))

    walk = request.walk
    row, options = question_rows(questionnaire)[code]
    action = walk.question_url(code, change=changing)

    def form_for(data=None):
        return AnswerForm(
            data,
            initial={"answer": run.answers.get(code)},
            question=row,
            options=options,
            action=action,
        )

    if request.method == "POST":
        form = form_for(request.POST)
        if form.is_valid():
            if code not in run.answers and not walk.preview:
                count_walk_reach(questionnaire, code, walk=run.walk, consent=run.consent)
            run.answers[code] = form.cleaned_data["answer"]
            run.reopen()
            run.save(request.triage)
            return after_answer(request, run, questionnaire, rules, asked, changing=changing)
        flow.keep_invalid(request.triage, code, request.POST.getlist("answer"))
        return redirect(action)

    position, total = flow.progress(code, answers=run.answers, rules=rules)
    previous, *_rest = flow.neighbours(code, answers=run.answers, rules=rules)
    if changing:
        back_url = walk.url("check_answers")
    else:
        back_url = walk.question_url(previous) if previous else walk.url("start")
    facts = {
        "walk": walk.links(),
        "question": row,
        "back_url": back_url,
        "position": position,
        "total": total,
        "section": _("About your pain")
        if row.section == Question.Section.SYMPTOMS
        else _("Warning signs"),
    }
    refused = flow.take_invalid(request.triage, code)
    if refused is not None:
        data = QueryDict(mutable=True)
        data.setlist("answer", [str(value) for value in refused.get("answer", [])])
        form = form_for(data)
        form.is_valid()
        return respond(request, render_page("triage/question.html", {**facts, "form": form}))
    key = cache_key(
        "question-page",
        questionnaire.pk,
        questionnaire.updated.isoformat(),
        code,
        run.answers.get(code),
        position,
        total,
        back_url,
        action,
    )
    html = local_html(key, "triage/question.html", lambda: {**facts, "form": form_for()})
    return respond(request, html)


def after_answer(request, run, questionnaire, rules, asked, *, changing):
    """Stop at once on an emergency answer; otherwise the next question, or check-your-answers."""
    if scoring.ends_questionnaire(
        question=asked, value=run.answers[asked.code], answers=run.answers, rules=rules
    ):
        return finish(request, run, questionnaire, rules)
    walk = request.walk
    missing = flow.first_unanswered(answers=run.answers, rules=rules)
    if changing:
        if missing:
            return redirect(walk.question_url(missing.code, change=True))
        return redirect(walk.url("check_answers"))
    _previous, following, *_rest = flow.neighbours(asked.code, answers=run.answers, rules=rules)
    if following:
        return redirect(walk.question_url(following))
    if missing:
        return redirect(walk.question_url(missing.code))
    return redirect(walk.url("check_answers"))


def answer_rows(walk, run, questionnaire, rules):
    """[(question, [answer labels], change URL)] for the answers as they stand, in order."""
    rows = question_rows(questionnaire)
    summary = []
    for code, value in flow.shown_answers(answers=run.answers, rules=rules).items():
        row, options = rows[code]
        labels = {option.code: option.label for option in options}
        values = value if isinstance(value, list) else [value]
        shown = [str(v) if row.kind == Question.Kind.NUMBER else labels.get(v, v) for v in values]
        summary.append((row, shown, walk.question_url(code, change=True)))
    return summary


@never_cache
@require_http_methods(["GET", "POST"])
@limit_final_submits
@keeps_run
def check_answers(request):
    questionnaire, run, refusal = current_run(request)
    if refusal:
        return refusal
    walk = request.walk
    rules = rulebook_for(questionnaire)
    missing = flow.first_unanswered(answers=run.answers, rules=rules)
    if missing:
        if run.answers:
            messages.warning(request, _("Please answer every question first, starting here."))
        return redirect(walk.question_url(missing.code))
    if request.method == "POST":
        return finish(request, run, questionnaire, rules)
    rows = answer_rows(walk, run, questionnaire, rules)
    context = {
        "rows": rows,
        "back_url": rows[-1][2].removesuffix("?change=1") if rows else walk.url("start"),
        "result_url": result_url(walk, run) if run.token else "",
        "action": walk.url("check_answers"),
        "walk": walk.links(),
    }
    return respond(request, render_page("triage/check_answers.html", context))


def result_url(walk, run):
    if walk.preview:
        return walk.url("result")
    return reverse("triage:result", kwargs={"token": run.token})


def finish(request, run, questionnaire, rules):
    """One result per walk and answers: however many final answers arrive at once, one is
    stored and every one of them is sent to it; other answers get a result of their own. A preview stores nothing: its result is worked out from
    the answers in the preview cookie each time it is shown."""
    if run.finished:
        return redirect(result_url(request.walk, run))
    if request.walk.questionnaire() != questionnaire:  # replaced a moment ago on another server
        return session_ended(request, updated=True)
    if request.walk.preview:
        run.token = PREVIEW_TOKEN
        run.save(request.triage)
        return redirect(request.walk.url("result"))
    answers = flow.shown_answers(answers=run.answers, rules=rules)
    result = scoring.assess(answers=answers, rules=rules)
    key = flow.result_key(run.walk, answers)
    try:
        submission = store_once(
            Submission(
                walk=key,
                questionnaire=questionnaire,
                answers=answers,
                result=result.as_dict(),
                disposition=result.disposition,
                consent_to_keep=run.consent,
            )
        )
    except DATABASE_DOWN:
        return unsaved_result(request, questionnaire, answers, result)
    run.token = submission.token
    run.save(request.triage)
    return redirect(submission)


def store_once(submission):
    """The stored submission with this one's walk key: this one, or the one a double click or a
    retry stored first. The insert skips a duplicate instead of failing on it (``ON CONFLICT DO
    NOTHING``), so the database never logs a failed statement spelling out the answers."""
    Submission.objects.bulk_create([submission], ignore_conflicts=True)
    return Submission.objects.get(walk=submission.walk)


def unsaved_result(request, questionnaire, answers, result):
    """The result worked out in memory when it cannot be stored: shown at once, marked "not
    saved yet", with a button that stores it once the database is back. The answers stay in
    the person's cookie, so nothing is lost. An emergency is always shown in full."""
    submission = Submission(
        questionnaire=questionnaire,
        answers=answers,
        result=result.as_dict(),
        disposition=result.disposition,
    )
    template = (
        "triage/emergency.html" if result.disposition == scoring.EMERGENCY else "triage/result.html"
    )
    try:
        context = result_context(submission)
    except DATABASE_DOWN:  # the published content is not in this server's memory either
        shown = scoring.Result.from_dict(submission.result)
        context = {
            "submission": submission,
            "result": shown,
            "page_title": page_title(shown),
            "running_verdict": running_verdict(shown),
        }
        template = "triage/result_unsaved.html"
    context.update(
        unsaved=True,
        save_action=request.walk.url("check_answers"),
        result_url="",
        result_address="",
        walk=request.walk.links(),
    )
    return TemplateResponse(request, template, context, status=503)


def forget_result(sender, instance, **kwargs):
    """Signal receiver: a deleted result is never shown from the cache, its address answers
    410 Gone from now on (``DeletedResult``), and the run that holds its answers ends with it.
    If the run store is down, the run still ends on its own within ``SESSION_COOKIE_AGE``; the
    purge goes on."""
    forget_result_page(instance.token)
    DeletedResult.note([instance.token])
    try:
        flow.end_run_of_result(instance.token)
    except flow.STORE_ERRORS:
        logger.warning("A deleted result's run could not be ended: the run store did not answer.")


def stored_result(request, token, *, related=("questionnaire",)):
    """(the stored result, None), or (None, the page saying why not): 404 for an address that
    never named a result, 410 for a result past its retention days or deleted (its address is
    remembered as a hash, ``DeletedResult``). The one look-up behind a result page, its
    FHIR download, its clinician summary and the pages kept with it (``related``: the rows
    its page needs, read in the same query)."""
    found = Submission.objects.select_related(*related).filter(token=token)
    submission = found.first()
    if submission is None and DeletedResult.was_deleted(token):
        return None, result_gone(request)
    if submission is None:
        return None, not_found(request, template="triage/result_not_found.html")
    if submission.is_expired():
        return None, result_gone(request)
    return submission, None


def result_gone(request):
    context = {"walk": LIVE.links(), "days": retention_days()}
    return TemplateResponse(request, "triage/result_gone.html", context, status=410)


@never_cache
@require_http_methods(["GET"])
@limit_result_lookups
def result(request, token):
    # A result is a stored snapshot: its page is rendered once and kept until the content
    # changes or the result expires, whichever comes first.
    version, kept = stored_result_page(token)
    stored_version, expires, html = kept or (None, None, None)
    if stored_version != version or expires is None or timezone.now() >= expires:
        submission, refusal = stored_result(request, token)
        if refusal:
            return refusal
        template = (
            "triage/emergency.html"
            if submission.disposition == scoring.EMERGENCY
            else "triage/result.html"
        )
        context = {
            **result_context(submission, published_content(version)),
            "result_address": RESULT_URL_MARK,
            "result_qr": mark_safe(RESULT_QR_MARK),  # noqa: S308 - a constant comment
            "result_url": submission.get_absolute_url(),
            "walk": LIVE.links(),
        }
        html = render_page(template, context)
        expires = submission.deleted_after
        seconds = min(
            settings.CACHE_MIDDLEWARE_SECONDS, int((expires - timezone.now()).total_seconds())
        )
        keep_result_page(token, (version, expires, html), seconds)
    address = request.build_absolute_uri(request.path)
    html = html.replace(RESULT_URL_MARK, address).replace(RESULT_QR_MARK, qr_svg(address), 1)
    return respond(request, html)


@never_cache
@require_http_methods(["POST"])
@limit_result_lookups
@keeps_run
def change_answers(request, token):
    """ "Change your answers" from a result's private link, on this device or any other: a new
    run holding the stored answers (see ``flow.Run.of_result``), then check-your-answers."""
    submission, refusal = stored_result(request, token)
    if refusal:
        return refusal
    questionnaire = request.walk.questionnaire()
    if questionnaire is None:
        return no_questionnaire(request)
    rules = rulebook_for(questionnaire)
    run = flow.Run.of_result(submission, version=questionnaire.version, rules=rules)
    if not run.finished:
        messages.info(
            request,
            _(
                "The questions have changed since this result. Your answers that still fit "
                "are filled in: please check them and answer any new questions."
            ),
        )
    request.triage.renew()
    run.save(request.triage)
    return redirect(resume_url(request.walk, run, rules))


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
@require_http_methods(["GET"])
def fhir_live_questionnaire(request):
    return to_live_version(request, "fhir:questionnaire")


@public_definition
@require_http_methods(["GET"])
def fhir_live_code_system(request):
    return to_live_version(request, "fhir:code_system")


def served_definition(request, version, build):
    """A published (or retired) version's FHIR resource made by ``build``, or a 404."""
    questionnaire = published_version(version)
    if questionnaire is None:
        return fhir_not_found(request)
    return fhir_response(build(questionnaire, base=site_base(request)))


@public_definition
@require_http_methods(["GET"])
def fhir_questionnaire(request, version):
    return served_definition(request, version, fhir.questionnaire_of)


@public_definition
@require_http_methods(["GET"])
def fhir_code_system(request, version):
    return served_definition(request, version, fhir.code_system_of)


@never_cache
@require_http_methods(["GET"])
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


@never_cache
@require_http_methods(["GET"])
@limit_result_lookups
def result_summary(request, token):
    """One printable page for a clinician: the result, the red-flag answers and the plan."""
    submission, refusal = stored_result(request, token)
    if refusal:
        return refusal
    context = summary_context(submission)
    context.update(
        result_url=submission.get_absolute_url(),
        result_address=request.build_absolute_uri(submission.get_absolute_url()),
        fhir_url=reverse("triage:result_fhir", kwargs={"token": submission.token}),
        questionnaire_address=fhir.questionnaire_address(
            site_base(request), submission.questionnaire.version
        ),
        walk=LIVE.links(),
    )
    return TemplateResponse(request, "triage/clinician_summary.html", context)


@never_cache
@require_http_methods(["GET"])
@limit_result_lookups
def result_sheet(request, token):
    """The exercise sheet of a result's plan: "now" with tick boxes, "later" with what each
    waits for, exactly as the result page places and heads them."""
    submission, refusal = stored_result(request, token)
    if refusal:
        return refusal
    context = result_context(submission)
    planned = [*context.get("plan_now", ()), *context.get("plan_later", ())]
    exercises = {e.slug: e for e in found_exercises(request, [p.exercise for p in planned])}
    return render_sheet(
        request,
        now=[exercises[p.exercise] for p in context.get("plan_now", ()) if p.exercise in exercises],
        later=[
            (exercises[p.exercise], p.until)
            for p in context.get("plan_later", ())
            if p.exercise in exercises
        ],
        result_url=submission.get_absolute_url(),
        now_heading=START_ONCE_EASED if context["result"].phase == scoring.ACUTE else "",
    )
