"""The questionnaire pages. Never cached: every response is marked no-store."""

import hashlib
import json

from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from conditions.caching import content_version
from conditions.views import red_flags_by_level
from triage import flow, scoring
from triage.forms import AnswerForm, StartForm
from triage.models import Question, Questionnaire, Submission, retention_days
from triage.results import result_context
from triage.rulebook import question_rows, rulebook_for


def question_url(code):
    return reverse("triage:question", kwargs={"code": code})


def unavailable(request):
    return TemplateResponse(
        request, "triage/unavailable.html", red_flags_by_level(request), status=503
    )


def session_ended(request, *, updated=False):
    flow.Run.clear(request.session)
    return TemplateResponse(request, "triage/session_ended.html", {"updated": updated})


def not_found(request, *, template="triage/question_not_found.html"):
    return TemplateResponse(request, template, status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    questionnaire = Questionnaire.objects.live()
    if questionnaire is None:
        return unavailable(request)
    form = StartForm(
        request.POST if request.method == "POST" else None,
        action=reverse("triage:start"),
        days=retention_days(consent=True),
        short_days=retention_days(consent=False),
    )
    rules = rulebook_for(questionnaire)
    if request.method == "POST" and form.is_valid():
        run = flow.Run(version=questionnaire.version, consent=form.cleaned_data["consent"])
        run.save(request.session)
        return redirect(question_url(rules.questions[0].code))
    run = flow.Run.load(request.session)
    in_progress = run and not run.finished and run.version == questionnaire.version and run.answers
    context = {
        "form": form,
        "questionnaire": questionnaire,
        "question_count": len(rules.questions),
        "resume_url": resume_url(run, rules) if in_progress else "",
    }
    return TemplateResponse(request, "triage/start.html", context)


def resume_url(run, rules):
    """The first unanswered question, or the last one shown when all are answered."""
    question = flow.first_unanswered(answers=run.answers, rules=rules)
    if question is None:
        question = scoring.visible_questions(answers=run.answers, rules=rules)[-1]
    return question_url(question.code)


@never_cache
@require_http_methods(["GET", "POST"])
def question(request, code):
    questionnaire = Questionnaire.objects.live()
    if questionnaire is None:
        return unavailable(request)
    run = flow.Run.load(request.session)
    if run is None:
        return session_ended(request)
    if run.version != questionnaire.version:
        return session_ended(request, updated=True)
    if run.finished:
        messages.info(
            request,
            _(
                "You have already finished the questionnaire, so here is your result. "
                "To answer the questions again, start again from the first page."
            ),
        )
        return redirect("triage:result", token=run.token)
    rules = rulebook_for(questionnaire)
    asked = rules.question(code)
    if asked is None:
        return not_found(request)
    if not flow.may_open(code, answers=run.answers, rules=rules):
        if scoring.is_shown(asked, run.answers, rules):
            messages.warning(request, _("Please answer the questions in order, starting here."))
        else:
            messages.warning(request, _("That question does not apply to your answers."))
        return redirect(resume_url(run, rules))

    row, options = question_rows(questionnaire)[code]
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"answer": run.answers.get(code)},
        question=row,
        options=options,
        action=question_url(code),
    )
    if request.method == "POST" and form.is_valid():
        run.answers[code] = form.cleaned_data["answer"]
        run.save(request.session)
        return after_answer(request, run, questionnaire, rules, asked)

    previous, _next, position, total = flow.neighbours(code, answers=run.answers, rules=rules)
    context = {
        "form": form,
        "fields": answer_fields(form, questionnaire),
        "question": row,
        "back_url": question_url(previous) if previous else reverse("triage:start"),
        "position": position,
        "total": total,
        "section": _("About your pain")
        if row.section == Question.Section.SYMPTOMS
        else _("Warning signs"),
    }
    return TemplateResponse(request, "triage/question.html", context)


def answer_fields(form, questionnaire):
    """The question's rendered fields. Without errors they depend only on the version, the
    question and the earlier answer, so they are rendered once and kept in the cache."""
    if form.is_bound:
        return render_crispy_form(form)
    initial = json.dumps(form.initial.get("answer"), sort_keys=True)
    digest = hashlib.sha256(initial.encode()).hexdigest()[:16]
    key = (
        f"question-fields:{questionnaire.pk}:{questionnaire.updated.timestamp()}:"
        f"{form.question.code}:{digest}:{get_language()}"
    )
    html = cache.get(key)
    if html is None:
        html = render_crispy_form(form)
        cache.set(key, html, settings.CACHE_MIDDLEWARE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by crispy from our own form


def after_answer(request, run, questionnaire, rules, asked):
    """Stop at once on an emergency answer; otherwise the next question, or the result."""
    if scoring.ends_questionnaire(question=asked, value=run.answers[asked.code]):
        return finish(request, run, questionnaire, rules)
    _previous, following, *_rest = flow.neighbours(asked.code, answers=run.answers, rules=rules)
    if following:
        return redirect(question_url(following))
    missing = flow.first_unanswered(answers=run.answers, rules=rules)
    if missing:
        return redirect(question_url(missing.code))
    return finish(request, run, questionnaire, rules)


def finish(request, run, questionnaire, rules):
    answers = flow.shown_answers(answers=run.answers, rules=rules)
    result = scoring.assess(answers=answers, rules=rules)
    with transaction.atomic():
        submission = Submission.objects.create(
            questionnaire=questionnaire,
            answers=answers,
            result=result.as_dict(),
            disposition=result.disposition,
            consent_to_keep=run.consent,
        )
    run.token = submission.token
    run.save(request.session)
    return redirect(submission)


@never_cache
@require_http_methods(["GET"])
def result(request, token):
    submission = (
        Submission.objects.current().select_related("questionnaire").filter(token=token).first()
    )
    if submission is None:
        return not_found(request, template="triage/result_not_found.html")
    # A result is a stored snapshot: its page is rendered once and kept until the content
    # or its questionnaire version changes. The lookup above still runs every time, so a
    # purged or expired result is never shown from the cache.
    key = (
        f"result-page:{content_version()}:{submission.pk}:"
        f"{submission.questionnaire.updated.timestamp()}"
    )
    html = cache.get(key)
    if html is None:
        template = (
            "triage/emergency.html"
            if submission.disposition == scoring.EMERGENCY
            else "triage/result.html"
        )
        html = render_to_string(template, result_context(submission), request=request)
        cache.set(key, html, settings.CACHE_MIDDLEWARE_SECONDS)
    return HttpResponse(html)
