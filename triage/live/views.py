"""The questionnaire pages. Never cached by browsers: every response is marked no-store.

Post/redirect/get everywhere: a refused answer is kept in the session for one redirect and
shown on the GET, so Back and refresh never ask to send a form again. Pages are rendered
without the request (see ``triage.live.pages``), so the rendered HTML can be shared.
"""

import logging
from functools import partial

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DATABASE_DOWN
from exercises.selectors import SHEET_TEMPLATE, found_exercises, sheet_context
from triage.engine import scoring
from triage.insights.report import count_walk_reach
from triage.live import fhir, flow
from triage.live.fhir_views import site_base
from triage.live.forms import AnswerForm, StartForm
from triage.live.pages import cache_key, local_html, render_page, respond
from triage.live.rate_limits import limit_final_submits, limit_result_lookups
from triage.live.responses import no_questionnaire, not_found, session_ended
from triage.live.result_lookup import stored_result
from triage.live.result_pages import kept_result_page, render_and_keep, with_address
from triage.live.results import (
    TEMPLATE_VOCABULARY,
    page_title,
    result_context,
    running_verdict,
    summary_context,
)
from triage.live.runs import keeps_run
from triage.live.walk import LIVE
from triage.models import Question, Submission, retention_days
from triage.questionnaire.rulebooks import question_rows, rulebook_for

logger = logging.getLogger(__name__)


# A result's sheet heads its "now" exercises as the result page does in the first days.
START_ONCE_EASED = _lazy("Start with these, once the first sharp pain has eased")


PREVIEW_TOKEN = "preview"


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
@require_http_methods(["GET", "HEAD", "POST"])
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
@require_http_methods(["GET", "HEAD", "POST"])
@keeps_run
def question(request, code):
    questionnaire, run, refusal = current_run(request)
    if refusal:
        return refusal
    changing = "change" in request.GET
    rules = rulebook_for(questionnaire)
    if run.finished and not changing:
        return back_to_result(request, run, rules)
    refusal = closed_question(request, run, rules, code)
    if refusal:
        return refusal
    if request.method == "POST":
        return take_answer(request, run, questionnaire, rules, code, changing=changing)
    return question_page(request, run, questionnaire, rules, code, changing=changing)


def back_to_result(request, run, rules):
    """A finished run asked for a question or its answers again: its result, saying how to
    change an answer only where the result offers it (one that stopped early on an emergency
    answer has no answers to check, and offers no change)."""
    if flow.first_unanswered(answers=run.answers, rules=rules) is None:
        told = _(
            "You have already finished the questionnaire, so here is your result. "
            "To change an answer, use the Change links on the check-your-answers page."
        )
    else:
        told = _("You have already finished the questionnaire, so here is your result.")
    messages.info(request, told)
    return redirect(result_url(request.walk, run))


def closed_question(request, run, rules, code):
    """The page to show instead when this question is unknown, or may not be opened yet
    (with why), or None."""
    asked = rules.question(code)
    if asked is None:
        return not_found(request)
    if flow.may_open(code, answers=run.answers, rules=rules):
        return None
    if scoring.is_shown(asked, run.answers, rules):
        messages.warning(request, _("Please answer the questions in order, starting here."))
    else:
        messages.warning(request, _("That question does not apply to your answers."))
    return redirect(resume_url(request.walk, run, rules))


def answer_form(questionnaire, run, code, action, data=None):
    row, options = question_rows(questionnaire)[code]
    return AnswerForm(
        data,
        initial={"answer": run.answers.get(code)},
        question=row,
        options=options,
        action=action,
    )


def take_answer(request, run, questionnaire, rules, code, *, changing):
    """Keep a valid answer and go on; keep a refused one for the question page to show."""
    action = request.walk.question_url(code, change=changing)
    form = answer_form(questionnaire, run, code, action, request.POST)
    if not form.is_valid():
        flow.keep_invalid(request.triage, code, request.POST.getlist("answer"))
        return redirect(action)
    if code not in run.answers and not request.walk.preview:
        count_walk_reach(questionnaire, code, walk=run.walk, consent=run.consent)
    run.answers[code] = form.cleaned_data["answer"]
    run.reopen()
    run.save(request.triage)
    return after_answer(request, run, questionnaire, rules, rules.question(code), changing=changing)


def question_page(request, run, questionnaire, rules, code, *, changing):
    """The question with the answer given so far, or the refused one with its errors (shown
    once, so that page is rendered for this request alone)."""
    walk = request.walk
    row, _options = question_rows(questionnaire)[code]
    action = walk.question_url(code, change=changing)
    position, total = flow.progress(code, answers=run.answers, rules=rules)
    previous, *_rest = flow.neighbours(code, answers=run.answers, rules=rules)
    if changing:
        back_url = answer_row_url(walk, code)
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
        form = answer_form(questionnaire, run, code, action, data)
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
    form = partial(answer_form, questionnaire, run, code, action)
    html = local_html(key, "triage/question.html", lambda: {**facts, "form": form()})
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
        return redirect(answer_row_url(walk, asked.code))
    _previous, following, *_rest = flow.neighbours(asked.code, answers=run.answers, rules=rules)
    if following:
        return redirect(walk.question_url(following))
    if missing:
        return redirect(walk.question_url(missing.code))
    return redirect(walk.url("check_answers"))


def answer_row_url(walk, code):
    """Check-your-answers at the row of the answer just changed (or not), not at its top."""
    return f"{walk.url('check_answers')}#answer-{code}"


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
@require_http_methods(["GET", "HEAD", "POST"])
@limit_final_submits
@keeps_run
def check_answers(request):
    questionnaire, run, refusal = current_run(request)
    if refusal:
        return refusal
    walk = request.walk
    rules = rulebook_for(questionnaire)
    missing = flow.first_unanswered(answers=run.answers, rules=rules)
    if missing and run.finished:  # stopped early on an emergency answer: nothing to check
        return back_to_result(request, run, rules)
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
            **TEMPLATE_VOCABULARY,
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


@never_cache
@require_safe
@limit_result_lookups
def result(request, token):
    version, html = kept_result_page(token)
    if html is None:
        submission, refusal = stored_result(request, token)
        if refusal:
            return refusal
        html = render_and_keep(token, submission, version)
    return respond(request, with_address(html, request.build_absolute_uri(request.path)))


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


@never_cache
@require_safe
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
@require_safe
@limit_result_lookups
def result_sheet(request, token):
    """The exercise sheet of a result's plan: "now" with tick boxes, "later" with what each
    waits for, exactly as the result page places and heads them."""
    submission, refusal = stored_result(request, token)
    if refusal:
        return refusal
    context = result_context(submission)
    planned = [*context.get("plan_now", ()), *context.get("plan_later", ())]
    exercises = {e.slug: e for e in found_exercises([p.exercise for p in planned])}
    sheet = sheet_context(
        now=[exercises[p.exercise] for p in context.get("plan_now", ()) if p.exercise in exercises],
        later=[
            (exercises[p.exercise], p.until)
            for p in context.get("plan_later", ())
            if p.exercise in exercises
        ],
        result_url=submission.get_absolute_url(),
        now_heading=START_ONCE_EASED if context["result"].phase == scoring.ACUTE else "",
    )
    sheet["submission"] = submission  # a warning sign logged since heads the sheet too
    return TemplateResponse(request, SHEET_TEMPLATE, sheet)
