"""The programme page, and the runner's log behind a result's private link.

Every log page is looked up through the result (``triage.live.result_lookup.stored_result``): an address
that never named a result is 404, a deleted or expired one 410, exactly as the result page.
A session is asked one question a page, as the questionnaire asks: the answers so far are
kept in the run store behind the run cookie until the last answer (``ask``), and only the
saved session is stored in the database. Pages are never cached: they are one runner's own.
"""

import functools

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import DetailView

from conditions.selectors import red_flags_by_level
from conditions.urgency import Urgency
from core.caching import version_seen
from core.ical import calendar_download
from core.public import PublicMixin
from running import calendar, charts, logbook, progression
from running.forms import (
    LEG,
    MORNING_STEPS,
    NONE,
    OTHER_SIGNS,
    OUTCOME_STEPS,
    SESSION_STEPS,
    WARNING_SIGNS,
    YES,
    AnswerForm,
    choices_for,
    warning_sign_headings,
)
from running.models import Programme
from running.words import REASON_WORDS, decision_words
from triage.engine import scoring
from triage.live.flow import FOLLOW_UP_KEY, keep_invalid, take_invalid
from triage.live.rate_limits import limit_result_lookups
from triage.live.result_lookup import stored_result
from triage.live.results import published_content
from triage.live.runs import keeps_run


class ProgrammeDetailView(PublicMixin, DetailView):
    model = Programme
    template_name = "running/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("stages", "sources")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **red_flags_by_level(live_red_flags())}


def programme_preview(request, programme):
    return ProgrammeDetailView.preview(request, programme)


def private(view):
    """A log page: looked up through its result, never cached, refused while the address is
    over its limit of look-ups that found nothing (``limit_result_lookups``)."""
    return never_cache(limit_result_lookups(view))


def found_log(request, token, *, programme=True):
    """(submission, log or None, None), or (None, None, the refusal page); one query, which
    reads the log's programme too unless told not to."""
    related = ("running_log__programme",) if programme else ()
    submission, refusal = stored_result(request, token, related=related)
    if refusal:
        return None, None, refusal
    log = getattr(submission, "running_log", None)
    return submission, log, None


counted_look_up = limit_result_lookups(found_log)


def live_red_flags():
    """The published warning signs, read once per content version (``core.caching``)."""
    return published_content(version_seen()).red_flags


def stop_signs(state):
    """The warning signs behind a stop, as the runner chose them ([] for other decisions, and
    for logs saved before the signs were kept)."""
    decision = state.decision
    if decision is None or decision.reason != progression.RED_FLAG or not state.sessions:
        return []
    return [
        _("The warning sign you told us about: “%(sign)s”") % {"sign": sign}
        for sign in state.sessions[-1].signs_reported
    ]


def decision_context(state):
    decision = state.decision
    if decision is None:
        return {}
    return {
        "stop_signs": stop_signs(state),
        "decision": decision,
        "Urgency": Urgency,  # templates compare with the vocabulary, never a literal
        "decision_words": decision_words(decision, state.sessions[-1].stage),
        "reason_words": REASON_WORDS[decision.reason],
        "next_stage": state.stage_numbered(decision.stage),
    }


@private
@require_safe
def log(request, token):
    submission, runner_log, refusal = found_log(request, token)
    if refusal:
        return refusal
    flags = live_red_flags()
    if runner_log is None:
        result = scoring.Result.from_dict(submission.result)
        programme = logbook.programme_for(result, logbook.live_programmes())
        context = {
            "submission": submission,
            "programme": programme,
            "stages": programme.stages.all() if programme else (),
            **red_flags_by_level(flags),
        }
        return TemplateResponse(request, "running/start.html", context)
    state = logbook.state_of(runner_log)
    decided = decision_context(state)
    context = {
        "submission": submission,
        "log": runner_log,
        "state": state,
        "changed": logbook.programme_changed(runner_log),
        "chart": charts.drawing(state),
        "outcome_week": logbook.outcome_due(runner_log),
        "stop_result": {
            "why": [REASON_WORDS[progression.RED_FLAG], *decided.get("stop_signs", ())]
        },
        **decided,
        **red_flags_by_level(flags),
    }
    return TemplateResponse(request, "running/log.html", context)


@private
@require_POST
def start(request, token):
    submission, runner_log, refusal = found_log(request, token)
    if refusal:
        return refusal
    if runner_log is None:
        result = scoring.Result.from_dict(submission.result)
        programme = logbook.programme_for(result, logbook.live_programmes())
        if programme is None:
            messages.warning(request, _("There is no programme for this result just now."))
            return redirect("running:log", token=token)
        logbook.start_log(submission, programme, consent=request.POST.get("consent") == "yes")
    return redirect("running:log", token=token)


def answers_from(data, steps, flags):
    """The valid answers kept for ``steps``, in order, stopping at the first missing or wrong
    one (a question's choices may have changed since it was answered)."""
    found = {}
    for question in steps:
        value = data.get(question.code)
        choices = {choice for choice, _label in choices_for(question, flags)}
        if not isinstance(value, str) or value not in choices:
            break
        found[question.code] = value
    return found


def score(answers, code):
    """The pain score answered, or None when the questions ended before it."""
    return int(answers[code]) if code in answers else None


def warning_sign_reported(answers, flags):
    """The save's ``red_flag`` (the urgency of the warning sign chosen) and ``red_flag_sign``
    (that sign, in the words it was asked in): both "" for none."""
    chosen = next((flag for flag in flags if flag.slug == answers[WARNING_SIGNS.code]), None)
    return {
        "red_flag": chosen.level if chosen else "",
        "red_flag_sign": chosen.sign if chosen else "",
    }


def kept_answers(store, here):
    """The answers kept so far for these questions (``here``: the result's token, the kind of
    questions and their number); none when the run holds another log's or none at all."""
    kept = store.get(FOLLOW_UP_KEY)
    if not isinstance(kept, dict) or [kept.get(key) for key in HERE] != here:
        return {}
    answers = kept.get("answers")
    return answers if isinstance(answers, dict) else {}


HERE = ("token", "kind", "number")  # what kept answers answer (``token`` also indexes the run)


def step_url(request, step):
    return request.path if step <= 1 else f"{request.path}?step={step}"


def ask(request, *, token, find, steps, number, kind, save, saved, heading, check=None):
    """One question a page through ``steps``, post/redirect/get as the questionnaire's pages
    (so the browser's Back button shows the question before, never a form sent again); the
    answers so far are kept in the run store behind the run cookie (``triage.live.flow``) until
    ``save(log, answers, flags)`` stores them after the last (the runner is told ``saved``),
    and are then dropped. A warning
    sign answered "yes" ends the questions at once and is saved. Before a question is shown,
    ``check(log)`` may refuse it (``logbook.Refused``): the runner goes back to the log with
    the reason. An answer is not checked (the page after it is, and the save checks again),
    and ``find()`` (the result and its log: ``log_finder``) is called only when needed: to show
    a page, to keep a first answer, and to save. An answer kept on the way needs no look-up,
    as a questionnaire answer needs none: the run holds answers for this log only once the log
    was found, and purging the result ends the run (``flow.RunStore.result_tokens``)."""
    store = request.triage
    here = [token, kind, number]
    flags = live_red_flags()
    kept = kept_answers(store, here)
    answered = answers_from(kept, steps, flags)
    if request.method != "POST" or not kept:
        _submission, runner_log, refusal = find()
        if refusal:
            return refusal
    if check and request.method != "POST":  # each answer is redirected to a GET; save checks
        # Answers kept here and the session saved meanwhile (another device, or another tab
        # of this browser after the answers were kept) were not saved: a warning. Coming back
        # to a saved session's page with nothing kept (Back, say): nothing is wrong.
        if closed := closed_to_answers(request, token, check, runner_log, answers_lost=bool(kept)):
            return closed
    asked = as_number(request.POST.get("step") or request.GET.get("step", "1"))
    first_open = min(len(answered) + 1, len(steps))
    if not 1 <= asked <= first_open:  # never past an unanswered one
        if request.method == "POST":  # an answer whose earlier answers are no longer kept
            _submission, runner_log, refusal = find()
            if refusal:
                return refusal
            # Another tab of this browser saved the session after these answers were kept,
            # with its own last answer (this one may differ), or the same form was sent again:
            # this answer was not saved, and the runner is told so.
            if check and (
                closed := closed_to_answers(request, token, check, runner_log, answers_lost=True)
            ):
                return closed
            messages.info(
                request,
                _(
                    "Your earlier answers to these questions were no longer kept, so nothing "
                    "was saved: please answer them again."
                ),
            )
        return redirect(step_url(request, first_open))
    question = steps[asked - 1]
    choices = choices_for(question, flags)
    if request.method == "POST":
        form = AnswerForm(request.POST, choices=choices)
        if not form.is_valid():
            keep_invalid(store, question.code, request.POST.getlist("answer"))
            return redirect(step_url(request, asked))
        earlier = {q.code: answered[q.code] for q in steps[: asked - 1]}
        answers = {**earlier, question.code: form.cleaned_data["answer"]}
        if asked == len(steps) or answers.get(WARNING_SIGNS.code, NONE) != NONE:
            _submission, runner_log, refusal = find()
            if refusal:
                return refusal
            store.pop(FOLLOW_UP_KEY)
            try:
                save(runner_log, answers, flags)
            except logbook.AlreadyDone as error:  # saved meanwhile from another device or tab
                messages.warning(request, error.elsewhere)
            except (logbook.Refused, ValueError) as error:
                messages.warning(
                    request,
                    str(error)
                    if isinstance(error, logbook.Refused)
                    else _("That answer could not be saved: nothing was changed."),
                )
            else:
                saved_with_warning_sign(request, saved, answers)
            return redirect("running:log", token=token)
        # Later answers stay, shown chosen when the runner comes to them again.
        store[FOLLOW_UP_KEY] = {
            **dict(zip(HERE, here, strict=True)),
            "answers": {**kept, **answers},
        }
        return redirect(step_url(request, asked + 1))
    refused = take_invalid(store, question.code)
    if refused is not None:
        data = QueryDict(mutable=True)
        data.setlist("answer", [str(value) for value in refused.get("answer", [])])
        form = AnswerForm(data, choices=choices)
        form.is_valid()
    else:
        form = AnswerForm(initial={"answer": kept.get(question.code)}, choices=choices)
    submission, runner_log, _refusal = find()
    context = {
        "submission": submission,
        "log": runner_log,
        "question": question.worded(first_time=not runner_log.sessions_logged),
        "form": form,
        "option_groups": option_groups(form, question, flags),
        "step": asked,
        "previous_url": step_url(request, asked - 1) if asked > 1 else "",
        "total": len(steps),
        "number": number,
        "kind": kind,
        "heading": heading,
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "running/question.html", context, status=status)


def saved_with_warning_sign(request, saved, answers):
    """Tell the runner their answers are saved: plainly, or, when a warning sign or worse leg
    symptoms stop the programme (``progression.decide``), in one short line with no cheer
    that keeps the card saying where to get help (and its call button) on a phone's screen."""
    if answers.get(WARNING_SIGNS.code, NONE) == NONE and answers.get(LEG.code) != YES:
        messages.success(request, saved)
    else:
        messages.info(request, _("Your answers are saved."))


def closed_to_answers(request, token, check, runner_log, *, answers_lost):
    """The redirect to the log, with the reason, when ``check`` refuses these questions now;
    None when they are open. ``answers_lost``: the runner had answered here, and those answers
    are not saved."""
    try:
        check(runner_log)
    except logbook.AlreadyDone as error:
        messages.add_message(
            request,
            messages.WARNING if answers_lost else messages.INFO,
            error.elsewhere if answers_lost else error.kept,
        )
    except logbook.Refused as error:
        messages.warning(request, str(error))
    else:
        return None
    request.triage.pop(FOLLOW_UP_KEY)
    return redirect("running:log", token=token)


def option_groups(form, question, flags):
    """The warning signs' answers in runs under a heading each (``warning_sign_headings``), in
    the order asked, every answer kept; None for other questions (a plain list)."""
    if question is not WARNING_SIGNS:
        return None
    headings = warning_sign_headings(flags)
    groups = []
    for choice in form["answer"]:
        heading = headings.get(choice.data["value"], OTHER_SIGNS)
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(choice)
    return groups


def as_number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def log_finder(request, token):
    """``find()`` for ``ask``: (the result, its log, None) or (None, None, the refusal page),
    looked up once, on the first call; a result without a log is 404. The look-up is refused
    while the address is over its limit of failed look-ups, as every other log page is. An
    answer reads no programme: the save reads the log again, locked, with its programme
    (``logbook.locked``)."""

    @functools.cache
    def find():
        programme = request.method != "POST"
        submission, runner_log, refusal = counted_look_up(request, token, programme=programme)
        if refusal is None and runner_log is None:
            raise Http404
        return submission, runner_log, refusal

    return find


def log_questions(view):
    """A session's or a morning check's pages: ``view(request, token, number, find)``."""

    def wrapper(request, token, number):
        return view(request, token, number, log_finder(request, token))

    wrapper.__name__ = view.__name__
    return never_cache(keeps_run(require_http_methods(["GET", "HEAD", "POST"])(wrapper)))


@log_questions
def session(request, token, number, find):
    def save(runner_log, answers, flags):
        logbook.save_session(
            runner_log,
            number=number,
            **warning_sign_reported(answers, flags),
            pain_during=score(answers, "pain_during"),
            pain_after=score(answers, "pain_after"),
            leg_worse=answers.get(LEG.code) == YES,
        )

    return ask(
        request, token=token, find=find, steps=SESSION_STEPS,
        number=number, kind="session", save=save, saved=logbook.session_saved(number),
        heading=_("Session %(n)s") % {"n": number},
        check=lambda log: logbook.check_session_open(log, number),
    )  # fmt: skip


@log_questions
def morning(request, token, number, find):
    def save(runner_log, answers, flags):
        # A warning sign ends the questions: the morning pain is then not asked (None), and
        # the red flag stops the programme whatever the pain.
        logbook.save_morning(
            runner_log,
            number=number,
            **warning_sign_reported(answers, flags),
            next_morning=score(answers, "next_morning"),
            leg_worse=answers.get(LEG.code) == YES,
        )

    return ask(
        request, token=token, find=find, steps=MORNING_STEPS,
        number=number, kind="morning", save=save, saved=logbook.morning_saved(number),
        heading=_("The morning after session %(n)s") % {"n": number},
        check=lambda log: logbook.check_morning_open(log, number),
    )  # fmt: skip


@private
@keeps_run
@require_http_methods(["GET", "HEAD", "POST"])
def outcome(request, token, week):
    submission, runner_log, refusal = found_log(request, token)
    if refusal:
        return refusal
    if runner_log is None or logbook.outcome_due(runner_log) != week:
        messages.warning(request, _("Those questions are not due now."))
        return redirect("running:log", token=token)

    def save(runner_log, answers, flags):
        logbook.save_outcome(
            runner_log,
            week=week,
            hard_activities=int(answers["hard_activities"]),
            worst_pain=int(answers["worst_pain"]),
        )

    return ask(
        request, token=token, find=lambda: (submission, runner_log, None), steps=OUTCOME_STEPS,
        number=week, kind="outcome", save=save, saved=_("Your answers are saved in your log."),
        heading=_("%(week)s weeks on") % {"week": week},
    )  # fmt: skip


@private
@require_safe
def printable(request, token):
    submission, runner_log, refusal = found_log(request, token)
    if refusal:
        return refusal
    if runner_log is None or runner_log.programme is None:
        raise Http404
    state = logbook.state_of(runner_log)
    context = {
        "submission": submission,
        "log": runner_log,
        "programme": runner_log.programme,
        "stages": runner_log.programme.stages.all(),
        "state": state,
        "print_page": True,
        **decision_context(state),
        **red_flags_by_level(live_red_flags()),
    }
    return TemplateResponse(request, "running/print.html", context)


@private
@require_safe
def calendar_file(request, token):
    submission, runner_log, refusal = found_log(request, token)
    if refusal:
        return refusal
    if runner_log is None or logbook.programme_changed(runner_log):
        raise Http404
    state = logbook.state_of(runner_log)
    days = logbook.calendar_days(state, today=timezone.localdate())
    address = request.build_absolute_uri(runner_log.get_absolute_url())
    body = calendar.ics(runner_log.programme, days, address=address)
    return calendar_download(body, "return-to-running.ics")
