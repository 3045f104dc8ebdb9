"""The questionnaire and its results as FHIR R4 resources, for a clinic to take in.

Pure functions: each takes plain data (a version's rule book and question rows, a result page's
context) and returns a JSON-ready dict, so what a clinic receives is built from exactly what the
result page shows (``triage.live.results.result_context``) and can never disagree with it.

- ``questionnaire_resource``: one published version as a ``Questionnaire``; ``enableWhen`` comes
  from the same show-if data the walk uses (``scoring.Ask.show_if``).
- ``code_system_resource``: the site's own ``CodeSystem`` (every answer, urgency, likely cause,
  likelihood, running advice and exercise), one version per questionnaire version. No NHS
  Pathways, SNOMED CT or LOINC codes: none of these is licensed or checked here.
- ``result_bundle``: a stored result as a ``collection`` Bundle: the ``QuestionnaireResponse`` and
  ``Observation``s derived from it. The plan is Observations, not a ``CarePlan``: a CarePlan
  needs a ``subject`` (1..1 in R4) and this bundle names nobody.
"""

import uuid

from django.utils.html import escape
from django.utils.translation import gettext as _

from conditions.urgency import Urgency
from core.caching import content_version
from triage.engine import scoring
from triage.live.results import (
    LIKELIHOOD_WORDS,
    RUNNING_VERDICTS,
    published_content,
    result_context,
)
from triage.questionnaire.rulebooks import question_rows, rulebook_for

FHIR_JSON = "application/fhir+json"
PUBLISHER = "Runner's Back"
QUESTIONNAIRE_PATH = "/fhir/Questionnaire/"
CODE_SYSTEM_PATH = "/fhir/CodeSystem/"
CANONICAL_NAME = "back-pain-check"
SIGN_OFF_PATH = "/fhir/StructureDefinition/clinical-sign-off"
XHTML = "http://www.w3.org/1999/xhtml"
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
    "display": "Survey",
}

# The kinds of question as FHIR item types. Yes-or-no questions are "choice", not "boolean":
# most also offer "I'm not sure", and every answer is one of the site's own codes.
ITEM_TYPES = {
    scoring.SINGLE: "choice",
    scoring.YES_NO: "choice",
    scoring.MULTIPLE: "choice",
    scoring.NUMBER: "integer",
}

# What each Observation says, as codes of the site's CodeSystem (no dots: answer and value codes
# all have one, so the two kinds never clash).
OBSERVATION_CODES = {
    "urgency": "How urgently to get help",
    "likely-condition": "A cause the answers look most like (not a diagnosis)",
    "likelihood": "How well the answers fit that cause",
    "running-advice": "Running advice",
    "exercise-now": "An exercise to start now",
    "exercise-later": "An exercise to add later",
}


def questionnaire_url(base):
    """The canonical URL of the questionnaire, the same for every version."""
    return f"{base}{QUESTIONNAIRE_PATH}{CANONICAL_NAME}"


def code_system_url(base):
    return f"{base}{CODE_SYSTEM_PATH}{CANONICAL_NAME}"


def questionnaire_address(base, version):
    """Where one version is served, as JSON."""
    return f"{base}{QUESTIONNAIRE_PATH}{version}"


def code_system_address(base, version):
    return f"{base}{CODE_SYSTEM_PATH}{version}"


def answer_code(question, option):
    return f"answer.{question}.{option}"


def coding(base, version, code, display):
    return {
        "system": code_system_url(base),
        "version": str(version),
        "code": code,
        "display": str(display),
    }


def concept(base, version, code, display, text=""):
    return {
        "coding": [coding(base, version, code, display)],
        **({"text": str(text)} if text else {}),
    }


def sign_off(base, questionnaire):
    """Who signed the version off and when, as an extension (R4's Questionnaire has
    ``lastReviewDate`` but nowhere for the reviewer)."""
    return {
        "url": f"{base}{SIGN_OFF_PATH}",
        "extension": [
            {"url": "reviewedBy", "valueString": questionnaire.reviewed_by or PUBLISHER},
            {"url": "lastReviewed", "valueDate": questionnaire.last_reviewed.isoformat()},
            {"url": "nextReviewDue", "valueDate": questionnaire.next_review_due.isoformat()},
        ],
    }


def enable_when(base, version, ask, rules):
    """The FHIR form of a show-if: the earlier answer that must have been chosen. A number
    question's answer is a band of numbers, so it becomes the band's bounds, all to hold."""
    if ask.show_if is None:
        return {}
    earlier_code, option_code = ask.show_if
    earlier = rules.question(earlier_code)
    if earlier.kind != scoring.NUMBER:
        return {
            "enableWhen": [
                {
                    "question": earlier_code,
                    "operator": "=",
                    "answerCoding": {
                        "system": code_system_url(base),
                        "code": answer_code(earlier_code, option_code),
                    },
                }
            ]
        }
    band = earlier.choice(option_code)
    bounds = [(">=", band.low), ("<=", band.high)]
    return {
        "enableWhen": [
            {"question": earlier_code, "operator": operator, "answerInteger": value}
            for operator, value in bounds
            if value is not None
        ],
        "enableBehavior": "all",
    }


def questionnaire_item(base, version, ask, rules, rows):
    """One question as an item. No item is ``required``: an emergency answer ends the
    questionnaire at once, so a completed response may stop after any question."""
    question, options = rows[ask.code]
    item = {
        "linkId": ask.code,
        "text": question.text,
        "type": ITEM_TYPES[ask.kind],
        **({"repeats": True} if ask.kind == scoring.MULTIPLE else {}),
        **enable_when(base, version, ask, rules),
    }
    if ask.kind == scoring.NUMBER:
        limits = [("minValue", ask.low), ("maxValue", ask.high)]
        extensions = [
            {"url": f"http://hl7.org/fhir/StructureDefinition/{name}", "valueInteger": value}
            for name, value in limits
            if value is not None
        ]
        return {**({"extension": extensions} if extensions else {}), **item}
    item["answerOption"] = [
        {"valueCoding": coding(base, version, answer_code(ask.code, o.code), o.label)}
        for o in options
    ]
    return item


def fhir_status(questionnaire):
    """active: the live version; retired: a version that was live, served for the results made
    with it (``triage.questionnaire.versions.served_as_retired``); draft: staff see it in admin only."""
    if questionnaire.is_published:
        return "active"
    return "retired" if getattr(questionnaire, "retired", False) else "draft"


def questionnaire_resource(*, questionnaire, rules, rows, base, sources=()):
    """One published version as a FHIR R4 Questionnaire, questions in asking order."""
    version = questionnaire.version
    based_on = "".join(f"\n- {source.title} ({source.publisher})" for source in sources)
    return {
        "resourceType": "Questionnaire",
        "id": str(version),
        "extension": [sign_off(base, questionnaire)],
        "url": questionnaire_url(base),
        "version": str(version),
        "name": "RunnersBackPainCheck",
        "title": questionnaire.title,
        "status": fhir_status(questionnaire),
        "experimental": False,
        "subjectType": ["Patient"],
        "date": questionnaire.updated.isoformat(),
        "publisher": PUBLISHER,
        "description": _(
            "A symptom questionnaire for runners with lower back pain: warning signs first, "
            "then questions that tell common causes apart. It gives advice on how urgently to "
            "get help and what the answers look most like; it is not a diagnosis."
        )
        + (f"\n\n{_('Based on:')}{based_on}" if based_on else ""),
        "lastReviewDate": questionnaire.last_reviewed.isoformat(),
        "item": [questionnaire_item(base, version, ask, rules, rows) for ask in rules.questions],
    }


def code_system_resource(*, questionnaire, rules, rows, conditions, exercises, base):
    """The site's own codes for one questionnaire version. ``conditions`` and ``exercises`` are
    {slug: name} of what is published."""
    version = questionnaire.version
    concepts = [{"code": code, "display": display} for code, display in OBSERVATION_CODES.items()]
    for ask in rules.questions:
        question, options = rows[ask.code]
        concepts += [
            {
                "code": answer_code(ask.code, option.code),
                "display": option.label,
                "definition": f"{question.text} {option.label}",
            }
            for option in options
        ]
    concepts += [
        {"code": f"urgency.{value}", "display": str(label)} for value, label in Urgency.choices
    ]
    concepts += [
        {"code": f"likelihood.{value}", "display": str(words)}
        for value, words in LIKELIHOOD_WORDS.items()
    ]
    concepts += [
        {"code": f"running.{value}", "display": str(verdict)}
        for value, verdict in RUNNING_VERDICTS.items()
    ]
    concepts += [
        {"code": f"condition.{slug}", "display": name} for slug, name in conditions.items()
    ]
    concepts += [{"code": f"exercise.{slug}", "display": name} for slug, name in exercises.items()]
    return {
        "resourceType": "CodeSystem",
        "id": str(version),
        "url": code_system_url(base),
        "version": str(version),
        "name": "RunnersBackCodes",
        "title": _("Runner's Back codes"),
        "status": fhir_status(questionnaire),
        "experimental": False,
        "date": questionnaire.updated.isoformat(),
        "publisher": PUBLISHER,
        "description": _(
            "The answers, urgency, likely causes, running advice and exercises of the Runner's "
            "Back questionnaire, version %(version)s. Answer codes are answer.<question>.<option>."
        )
        % {"version": version},
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


def entry_id(address, name):
    """A stable urn:uuid for one resource of one result's bundle (nothing of the token shows)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{address}#{name}')}"


def answered_items(base, version, answers, rules, rows):
    """[(question row, [answer labels], QuestionnaireResponse item)] in asking order."""
    found = []
    for ask in rules.questions:
        if ask.code not in answers or ask.code not in rows:
            continue
        question, options = rows[ask.code]
        value = answers[ask.code]
        if ask.kind == scoring.NUMBER:
            if isinstance(value, bool) or not isinstance(value, int):
                continue
            found.append((question, [str(value)], [{"valueInteger": value}]))
            continue
        labels = {option.code: option.label for option in options}
        codes = [v for v in (value if isinstance(value, list) else [value]) if v in labels]
        if not codes:
            continue
        given = [
            {"valueCoding": coding(base, version, answer_code(ask.code, c), labels[c])}
            for c in codes
        ]
        found.append((question, [labels[c] for c in codes], given))
    return [
        (question, labels, {"linkId": question.code, "text": question.text, "answer": given})
        for question, labels, given in found
    ]


def narrative(*parts):
    """A FHIR narrative from already-escaped XHTML parts."""
    return {"status": "generated", "div": f'<div xmlns="{XHTML}">{"".join(parts)}</div>'}


def no_subject_note():
    return _(
        "No personal identifiers: this response names nobody and has no subject. Attach it to "
        "the patient's record when you import it."
    )


def response_resource(*, submission, context, rules, rows, base):
    version = submission.questionnaire.version
    items = answered_items(base, version, submission.answers, rules, rows)
    result = context["result"]
    listed = "".join(
        f"<li>{escape(question.text)} <b>{escape(', '.join(labels))}</b></li>"
        for question, labels, _item in items
    )
    text = narrative(
        f"<p><b>{escape(submission.questionnaire.title)}</b>, "
        f"{escape(_('version'))} {version}, {escape(submission.created.date().isoformat())}</p>",
        f"<p>{escape(no_subject_note())}</p>",
        f"<p>{escape(_('Urgency:'))} {escape(Urgency(result.disposition).label)}</p>",
        f"<ul>{listed}</ul>" if listed else "",
    )
    return {
        "resourceType": "QuestionnaireResponse",
        "text": text,
        "questionnaire": f"{questionnaire_url(base)}|{version}",
        "status": "completed",
        "authored": submission.created.isoformat(),
        **({"item": [item for *_rest, item in items]} if items else {}),
    }


def observation(base, version, *, code, value, derived_from, authored, notes=(), components=()):
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": concept(base, version, code, OBSERVATION_CODES[code]),
        "effectiveDateTime": authored,
        "valueCodeableConcept": value,
        **({"note": [{"text": str(note)} for note in notes]} if notes else {}),
        **({"component": list(components)} if components else {}),
        "derivedFrom": [{"reference": derived_from}],
    }


def result_observations(*, context, version, base, derived_from, authored):
    """The urgency, each likely cause, the running advice and the exercise plan, as on the
    result page (``context`` is ``triage.live.results.result_context``)."""
    result = context["result"]
    said = {"base": base, "version": version, "derived_from": derived_from, "authored": authored}
    urgency = Urgency(result.disposition)
    found = [
        observation(
            code="urgency",
            value=concept(base, version, f"urgency.{urgency.value}", urgency.label),
            notes=result.why,
            **said,
        )
    ]
    for match, condition in context["matches"]:
        words = LIKELIHOOD_WORDS[match.likelihood]
        found.append(
            observation(
                code="likely-condition",
                value=concept(base, version, f"condition.{condition.slug}", condition.name),
                notes=[
                    _("One of the causes the answers look most like: not a diagnosis."),
                    *match.reasons,
                ],
                components=[
                    {
                        "code": concept(
                            base, version, "likelihood", OBSERVATION_CODES["likelihood"]
                        ),
                        "valueCodeableConcept": concept(
                            base, version, f"likelihood.{match.likelihood}", words
                        ),
                    }
                ],
                **said,
            )
        )
    changes = [
        f"{reason} ({factor.name})" if factor else reason for reason, factor in context["changes"]
    ]
    found.append(
        observation(
            code="running-advice",
            value=concept(base, version, f"running.{result.running}", context["running_verdict"]),
            notes=[*context["running_advice"], *changes],
            **said,
        )
    )
    for code, planned_list in (
        ("exercise-now", context.get("plan_now", ())),
        ("exercise-later", context.get("plan_later", ())),
    ):
        for planned in planned_list:
            exercise = planned.link.exercise
            until = _("Start once %(until)s.") % {"until": planned.until} if planned.until else ""
            found.append(
                observation(
                    code=code,
                    value=concept(base, version, f"exercise.{exercise.slug}", exercise.name),
                    notes=[note for note in (planned.link.reason, until) if note],
                    **said,
                )
            )
    return found


def result_bundle(*, submission, context, rules, rows, base, address):
    """One stored result as a FHIR R4 ``collection`` Bundle. ``address`` is the result page's
    own address; it only seeds the entries' urn:uuid names and is not in the bundle."""
    version = submission.questionnaire.version
    response_id = entry_id(address, "QuestionnaireResponse")
    authored = submission.created.isoformat()
    observations = result_observations(
        context=context, version=version, base=base, derived_from=response_id, authored=authored
    )
    response = response_resource(
        submission=submission, context=context, rules=rules, rows=rows, base=base
    )
    entries = [{"fullUrl": response_id, "resource": response}]
    entries += [
        {"fullUrl": entry_id(address, f"Observation/{index}"), "resource": resource}
        for index, resource in enumerate(observations)
    ]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": authored,
        "entry": entries,
    }


# What the views, admin and the example command call: the builders above fed from the
# version's cached rule book and rows and from the published content.


def questionnaire_of(questionnaire, *, base):
    """A version as a FHIR Questionnaire: what ``/fhir/Questionnaire/<version>`` serves and
    what admin shows beside the version."""
    return questionnaire_resource(
        questionnaire=questionnaire,
        rules=rulebook_for(questionnaire),
        rows=question_rows(questionnaire),
        base=base,
        sources=questionnaire.sources.all(),
    )


def code_system_of(questionnaire, *, base, content=None):
    """A version's codes, naming the published conditions and the exercises a plan can name."""
    content = content or published_content(content_version())
    exercises = {c.link.exercise.slug: c.link.exercise.name for c in content.candidates}
    return code_system_resource(
        questionnaire=questionnaire,
        rules=rulebook_for(questionnaire),
        rows=question_rows(questionnaire),
        conditions={slug: condition.name for slug, condition in content.conditions.items()},
        exercises=dict(sorted(exercises.items())),
        base=base,
    )


def bundle_of(submission, *, base, address, content=None):
    """A stored result as a FHIR Bundle, built from what its result page shows."""
    return result_bundle(
        submission=submission,
        context=result_context(submission, content),
        rules=rulebook_for(submission.questionnaire),
        rows=question_rows(submission.questionnaire),
        base=base,
        address=address,
    )
