"""The questionnaire under the one publication workflow (``editorial.workflow``).

Each draft is a whole version: ``copy_as_draft`` makes one from another, ``refusals`` says what
stops a version going live (clinician test cases), ``snapshot`` is everything a runner or the
scoring can see of a version, as labelled text, so the review page, the revisions, the stale-save
message and the reviewer's pin all compare the same thing. ``record_change`` is called by every
page that changes a version: it counts the change (so a page opened before it cannot overwrite
it) and keeps a revision of the whole version with who made it.
"""

import json

import reversion
import reversion.models
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from conditions.models import Condition, RedFlag, RiskFactor
from editorial.models import ReviewRequest, Source, Status
from editorial.review import next_review_after
from editorial.workflow import save_revision
from triage.engine import scoring
from triage.models import (
    Option,
    Question,
    Questionnaire,
    Rule,
    TriageTestCase,
    replaced_refusal,
)
from triage.questionnaire import warning_sign_checks
from triage.questionnaire.cases import failing_cases
from triage.questionnaire.rulebooks import rule_changes_held


def refusals(questionnaire):
    """Why this version cannot go live: it was replaced by a later one (it is copied into a new
    draft instead), another version went live after it was copied, its warning-sign rules are
    unsafe (``warning_sign_checks``), it has no clinician test cases, or failing ones. Every
    reason is given at once."""
    if questionnaire.is_replaced:
        return [str(replaced_refusal(questionnaire))]
    return (
        live_since_copied(questionnaire)
        + warning_sign_checks.refusals(questionnaire)
        + case_refusals(questionnaire)
    )


def live_since_copied(questionnaire):
    """A draft copied while one version was live, when another has gone live since: publishing
    it would silently undo that version's changes (two drafts of version 3, published one after
    the other, lost the first one's)."""
    live = Questionnaire.objects.live()
    copied_while = questionnaire.copied_while_live_id
    if live is None or copied_while is None or copied_while == live.pk:
        return []
    return [
        _(
            "Version %(live)s went live after this draft was copied, so publishing it would undo "
            "what version %(live)s changed. Start a new draft from the live version and make "
            "this draft's changes in it."
        )
        % {"live": live.version}
    ]


def working_draft(live):
    """The one draft open while ``live`` is the live version (copied while it was live, and
    not yet published), or None: starting a draft then opens it rather than a second one."""
    return (
        Questionnaire.objects.filter(
            copied_while_live=live, status=Status.DRAFT, taken_off_at__isnull=True
        )
        .order_by("pk")
        .first()
    )


def case_refusals(questionnaire):
    if not questionnaire.test_cases.exists():
        return [
            _("Version %(version)s has no clinician test cases: add some before publishing.")
            % {"version": questionnaire.version}
        ]
    failures = failing_cases(questionnaire)
    if not failures:
        return []
    return [
        _("Version %(version)s cannot be published because test cases fail: %(cases)s.")
        % {
            "version": questionnaire.version,
            "cases": "; ".join(
                f"{report.case.name} ({'; '.join(report.reasons)})" for report in failures
            ),
        }
    ]


UNPUBLISH_REFUSAL = _(
    "The live questionnaire cannot be taken off the site: runners always need one. Publish "
    "another version to replace it."
)


def version_of(obj):
    """The questionnaire version a questionnaire, question, option, rule or test case
    belongs to (None when it has none yet)."""
    if isinstance(obj, Question):
        return obj.questionnaire if obj.questionnaire_id else None
    if isinstance(obj, Option):
        return obj.question.questionnaire if obj.question_id else None
    if isinstance(obj, Rule):
        return obj.option.question.questionnaire if obj.option_id else None
    if isinstance(obj, TriageTestCase):
        return obj.questionnaire if obj.questionnaire_id else None
    return obj


def is_editable(questionnaire):
    """A version's rows change only while it is a draft that is not awaiting review, that was
    never replaced by another version and that no result was made with (``refuse_if_fixed``)."""
    return questionnaire is not None and not (
        questionnaire.status == Status.PUBLISHED
        or questionnaire.is_submitted
        or questionnaire.is_replaced
        or questionnaire.made_results()
    )


def why_fixed(questionnaire):
    """Why nothing can be added to, changed in or deleted from this version now, in plain words
    with where the change goes instead; None while it is editable."""
    if questionnaire is None or is_editable(questionnaire):
        return None
    in_a_new_draft = _(
        "Make the change in a new draft: on the questionnaire versions list, press “Start a "
        "new draft from the live version”."
    )
    if questionnaire.status == Status.PUBLISHED:
        text = _(
            "Version %(version)s is the live questionnaire, so nothing in it can be added, "
            "changed or deleted: runners are answering it now."
        )
    elif questionnaire.is_submitted:
        return _(
            "Version %(version)s is awaiting review, so nothing in it can be added, changed or "
            "deleted until a reviewer sends it back or it is withdrawn from review."
        ) % {"version": questionnaire.version}
    elif questionnaire.is_replaced:
        return str(replaced_refusal(questionnaire))
    else:
        text = _(
            "Results were made with version %(version)s while it was live, so it is kept as it "
            "was: nothing in it can be added, changed or deleted."
        )
    return f"{text % {'version': questionnaire.version}} {in_a_new_draft}"


def record_change(questionnaire, *, by, comment):
    """Count a change to a version and keep a revision of all of it, by ``by``."""
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        edit_version=F("edit_version") + 1, updated=timezone.now()
    )
    questionnaire.refresh_from_db()
    save_revision(questionnaire, user=by, comment=comment)
    return questionnaire


@transaction.atomic
@rule_changes_held()
def copy_as_draft(questionnaire):
    """A new draft version with the same questions, options, rules, test cases and sources."""
    source = Questionnaire.objects.get(pk=questionnaire.pk)
    sources = list(source.sources.all())
    questions = list(source.questions.prefetch_related("options__rules"))
    cases = list(source.test_cases.prefetch_related("acceptable_top3"))
    copy = source
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.version = (Questionnaire.objects.aggregate(Max("version"))["version__max"] or 0) + 1
    copy.status = Status.DRAFT
    # The notes are the record of each urgency choice and its source: the copy keeps them.
    copied = _("Copied from version %(version)s.") % {"version": questionnaire.version}
    copy.notes = f"{copied}\n\n{copy.notes}" if copy.notes else copied
    copy.reviewed_by = ""
    copy.last_reviewed = timezone.localdate()
    copy.next_review_due = next_review_after(copy.last_reviewed)
    copy.edit_version = 0
    copy.review_request = ReviewRequest.EDITING
    copy.review_note = copy.review_comment = ""
    copy.submitted_by = None
    copy.taken_off_at = None  # a copy of a replaced version is a new draft, never replaced
    copy.taken_off_by = copy.taken_off_reason = ""
    copy.copied_while_live = Questionnaire.objects.live()
    copy.save()
    copy.sources.set(sources)
    options_by_old_pk, show_if, only_with = {}, [], []
    for question in questions:
        options = list(question.options.all())
        old_show_if = question.show_if_option_id
        question.pk = None
        question.questionnaire = copy
        question.show_if_option = None
        question.save()
        if old_show_if:
            show_if.append((question, old_show_if))
        for option in options:
            rules = list(option.rules.all())
            old_pk = option.pk
            option.pk = None
            option.question = question
            option.save()
            options_by_old_pk[old_pk] = option
            for rule in rules:
                rule.pk = None
                rule.option = option
                rule.save()
                if rule.only_with_id:
                    only_with.append(rule)
    for question, old_pk in show_if:
        question.show_if_option = options_by_old_pk.get(old_pk)
        question.save()
    for rule in only_with:
        rule.only_with = options_by_old_pk.get(rule.only_with_id)
        rule.save()
    for case in cases:
        acceptable = list(case.acceptable_top3.all())
        case.pk = None
        case.questionnaire = copy
        case._prefetched_objects_cache = {}  # else set() reads the old case's links as the new
        case.save()
        case.acceptable_top3.set(acceptable)
    save_revision(copy, user=None, comment=copy.notes)  # where its revisions start, by nobody
    return copy


# What a reviewer sees of a version -----------------------------------------------------------


def snapshot(questionnaire):
    """{label: text} of everything a runner or the scoring can see of this version."""
    questions = list(Question.objects.filter(questionnaire=questionnaire))
    options = list(Option.objects.filter(question__questionnaire=questionnaire))
    rules = list(Rule.objects.filter(option__question__questionnaire=questionnaire))
    cases = list(
        TriageTestCase.objects.filter(questionnaire=questionnaire).prefetch_related(
            "acceptable_top3"
        )
    )
    acceptable = {case.pk: [c.pk for c in case.acceptable_top3.all()] for case in cases}
    sources = [source.pk for source in questionnaire.sources.all()]
    return snapshot_of_rows(questionnaire, questions, options, rules, cases, acceptable, sources)


def snapshot_of_version(version):
    """The version as one revision kept it (its questions, options, rules and cases)."""
    revision = version.revision
    rows = {}
    for model in (Question, Option, Rule, TriageTestCase):
        kind = ContentType.objects.get_for_model(model)
        rows[model] = [
            other._object_version.object for other in revision.version_set.filter(content_type=kind)
        ]
    stored = version._object_version
    questionnaire = stored.object
    questions = [q for q in rows[Question] if q.questionnaire_id == questionnaire.pk]
    question_pks = {q.pk for q in questions}
    options = [o for o in rows[Option] if o.question_id in question_pks]
    option_pks = {o.pk for o in options}
    rules = [r for r in rows[Rule] if r.option_id in option_pks]
    cases = [c for c in rows[TriageTestCase] if c.questionnaire_id == questionnaire.pk]
    acceptable = {
        other.object_id: other.field_dict.get("acceptable_top3", [])
        for other in revision.version_set.filter(
            content_type=ContentType.objects.get_for_model(TriageTestCase)
        )
    }
    acceptable = {int(pk): pks for pk, pks in acceptable.items()}
    sources = stored.m2m_data.get("sources", [])
    return snapshot_of_rows(questionnaire, questions, options, rules, cases, acceptable, sources)


def names_of(model, pks):
    return {row.pk: str(row) for row in model._default_manager.filter(pk__in=set(pks) - {None})}


def snapshot_of_rows(questionnaire, questions, options, rules, cases, acceptable, sources):
    """The labelled text of a version from its rows: pure but for reading the names of the
    conditions, red flags, running factors and sources it points to."""
    conditions = names_of(
        Condition,
        [r.condition_id for r in rules]
        + [c.expected_top_condition_id for c in cases]
        + [pk for pks in acceptable.values() for pk in pks],
    )
    red_flags = names_of(RedFlag, [r.red_flag_id for r in rules])
    factors = names_of(RiskFactor, [r.risk_factor_id for r in rules])
    question_by_pk = {q.pk: q for q in questions}
    option_by_pk = {o.pk: o for o in options}

    def answer_name(option_pk):
        option = option_by_pk.get(option_pk)
        if option is None:
            return f"#{option_pk}"
        question = question_by_pk.get(option.question_id)
        return f"{question.text if question else '?'} → {option.label}"

    result = {
        _("Title"): questionnaire.title,
        _("Threshold"): str(questionnaire.threshold),
        _("Exercises in a plan"): str(questionnaire.plan_size),
        _("Sources"): ", ".join(sorted(names_of(Source, sources).values())),
    }
    options_of, rules_of = {}, {}
    for option in sorted(options, key=lambda o: (o.order, o.code)):
        options_of.setdefault(option.question_id, []).append(option)
    for rule in sorted(rules, key=rule_order):
        rules_of.setdefault(rule.option_id, []).append(rule)
    ordered = sorted(
        questions,
        key=lambda q: (scoring.SECTIONS.index(q.section), q.order, q.code),
    )
    for question in ordered:
        lines = [question.text]
        if question.help_text:
            lines.append(_("Help: %(text)s") % {"text": question.help_text})
        details = [
            _("Kind: %(value)s") % {"value": question.get_kind_display()},
            _("Section: %(value)s") % {"value": question.get_section_display()},
            _("Order: %(value)s") % {"value": question.order},
        ]
        if question.picture:
            details.append(_("Picture: %(value)s") % {"value": question.get_picture_display()})
        if question.min_value is not None or question.max_value is not None:
            details.append(
                _("Numbers from %(min)s to %(max)s")
                % {"min": question.min_value, "max": question.max_value}
            )
        lines.append(" · ".join(str(d) for d in details))
        if question.show_if_option_id:
            lines.append(
                _("Asked only after the answer: %(answer)s")
                % {"answer": answer_name(question.show_if_option_id)}
            )
        for option in options_of.get(question.pk, []):
            lines.append(option_line(option))
            for rule in rules_of.get(option.pk, []):
                lines.append(
                    "    → " + rule_line(rule, conditions, red_flags, factors, answer_name)
                )
        result[_("Question “%(code)s”") % {"code": question.code}] = "\n".join(lines)
    for case in sorted(cases, key=lambda c: c.name):
        expected = case.get_expected_disposition_display()
        if case.alternative_disposition:
            expected += " " + _("or %(other)s") % {
                "other": case.get_alternative_disposition_display()
            }
        accepted = sorted(conditions.get(pk, f"#{pk}") for pk in acceptable.get(case.pk, []))
        lines = [
            case.description,
            _("Answers:"),
            *(f"    {answer}" for answer in case_answers(case.answers, ordered, options_of)),
            _("Expects: %(expected)s; first: %(top)s")
            % {
                "expected": expected,
                "top": conditions.get(case.expected_top_condition_id, _("no condition")),
            },
        ]
        if accepted:
            lines.append(_("Top three only from: %(names)s") % {"names": ", ".join(accepted)})
        result[_("Test case “%(name)s”") % {"name": case.name}] = "\n".join(lines)
    # The codes, out of the clinicians' lines above but still compared and pinned: test cases,
    # results and a clinic's FHIR files name answers by them.
    result[_("Answer codes (for test cases and clinics' systems)")] = "\n".join(
        f"{question.code}: {', '.join(option.code for option in options_of.get(question.pk, []))}"
        for question in ordered
    )
    return {str(label): text for label, text in result.items()}


def case_answers(answers, questions, options_of):
    """A test case's answers in the questionnaire's words, one a line in asking order: "What
    makes it worse? Bending forward, Coughing or sneezing", "How old are you? 45" (a code the
    version does not have stays as it is)."""
    if not isinstance(answers, dict):
        return [json.dumps(answers, ensure_ascii=False)]
    by_code = {question.code: question for question in questions}
    order = {question.code: index for index, question in enumerate(questions)}
    parts = []
    for code in sorted(answers, key=lambda code: (order.get(code, len(order)), code)):
        question, value = by_code.get(code), answers[code]
        if question is None:
            parts.append(f"{code}: {json.dumps(value, ensure_ascii=False)}")
            continue
        labels = {option.code: option.label for option in options_of.get(question.pk, [])}
        values = value if isinstance(value, list) else [value]
        words = ", ".join(labels.get(v, str(v)) if isinstance(v, str) else str(v) for v in values)
        parts.append(f"{question.text} {words}")
    return parts


def rule_order(rule):
    return (
        rule.condition_id or 0,
        rule.forced_disposition,
        rule.running,
        rule.only_with_id or 0,
        rule.reason,
    )


def option_line(option):
    details = [f"• {option.label}", _("order %(n)s") % {"n": option.order}]
    if option.exclusive:
        details.append(_("cannot be combined"))
    if option.min_value is not None or option.max_value is not None:
        details.append(
            _("numbers %(min)s to %(max)s") % {"min": option.min_value, "max": option.max_value}
        )
    if option.phase:
        details.append(_("phase: %(value)s") % {"value": option.get_phase_display()})
    if option.leg_symptoms:
        details.append(_("leg: %(value)s") % {"value": option.get_leg_symptoms_display()})
    if option.trait:
        details.append(
            _("tells the exercise plan that %(value)s") % {"value": option.get_trait_display()}
        )
    return " · ".join(str(d) for d in details)


def rule_line(rule, conditions, red_flags, factors, answer_name):
    if rule.condition_id and rule.rules_out:
        effect = _("rules out %(condition)s") % {
            "condition": conditions.get(rule.condition_id, f"#{rule.condition_id}")
        }
    elif rule.condition_id:
        effect = _("%(weight)+d toward %(condition)s") % {
            "weight": rule.weight,
            "condition": conditions.get(rule.condition_id, f"#{rule.condition_id}"),
        }
    elif rule.forced_disposition:
        effect = _("forces %(urgency)s") % {"urgency": rule.get_forced_disposition_display()}
        if rule.red_flag_id:
            effect += ", " + _("red flag “%(flag)s”") % {
                "flag": red_flags.get(rule.red_flag_id, f"#{rule.red_flag_id}")
            }
    else:
        effect = _("running: %(advice)s") % {"advice": rule.get_running_display()}
        if rule.risk_factor_id:
            effect += ", " + _("running factor “%(factor)s”") % {
                "factor": factors.get(rule.risk_factor_id, f"#{rule.risk_factor_id}")
            }
    text = f"{effect}: “{rule.reason}”"
    if rule.only_with_id:
        text += " " + _("(only with %(answer)s)") % {"answer": answer_name(rule.only_with_id)}
    return text


def was_live_unchanged(questionnaire):
    """True for a version that was published and has not changed since it was taken off the
    site: what it asks is still what a reviewer signed off, so the results made with it may
    name it (its FHIR Questionnaire is served as retired). False for a version never published,
    or one edited since (its rows are a draft again)."""
    for stored in reversion.models.Version.objects.get_for_object(questionnaire):  # newest first
        if stored.field_dict.get("status") == Status.PUBLISHED:
            return snapshot(questionnaire) == snapshot_of_version(stored)
    return False


def served_as_retired(questionnaire):
    """A replaced version the public may still read (as ``retired``): one results were made
    with (kept as it was since), or one that was live and has not changed since."""
    return not questionnaire.is_published and (
        questionnaire.made_results() or was_live_unchanged(questionnaire)
    )
