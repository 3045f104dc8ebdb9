"""The runner's log, one question a page: each question is a form with one ``answer`` field,
shaped as the questionnaire's (``templates/triage/_answer_field.html`` draws it)."""

from dataclasses import dataclass, replace

from django import forms
from django.utils.translation import gettext_lazy as _

from conditions import vocabulary
from running.words import DIFFICULTY_WORDS, PAIN_WORDS
from triage.engine import scoring
from triage.live.forms import answer_field

NONE = "none"
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    help_text: str = ""
    kind: str = scoring.SINGLE
    first_text: str = ""  # the wording before anything was logged, where it differs

    def worded(self, *, first_time):
        """The question as asked now: ``first_text`` before the first session is logged."""
        return replace(self, text=self.first_text) if first_time and self.first_text else self


def scale_choices(words_for):
    """0 to 10, each with its plain words."""
    return [(str(score), f"{score} – {words}") for score, words in words_for.items()]


class AnswerForm(forms.Form):
    error_anchor = "id_answer_0"

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"] = answer_field(
            scoring.SINGLE,
            choices=choices,
            error_messages={
                "required": _("Choose one answer."),
                "invalid_choice": _("Choose one of the answers shown."),
            },
        )


WARNING_SIGNS = Question(
    code="red_flag",
    text=_("Since you last answered these questions, has any of these started or got worse?"),
    first_text=_("Since you started the programme, has any of these started or got worse?"),
    help_text=_(
        "Choose the first one that applies. If none do, choose the last answer. Something that "
        "was already true when you started the programme and has not changed, such as your age "
        "or cancer in the past, does not count here."
    ),
)
DURING = Question(
    code="pain_during",
    text=_("How bad was your back pain during the session, at its worst?"),
    help_text=_("0 is no pain at all, 10 the worst pain you can imagine."),
)
AFTER = Question(
    code="pain_after",
    text=_("How bad is your back pain now, after the session?"),
    help_text=_("0 is no pain at all, 10 the worst pain you can imagine."),
)
MORNING = Question(
    code="next_morning",
    text=_("How does your back feel this morning, the day after the session?"),
    help_text=_("0 is no pain at all, 10 the worst pain you can imagine."),
)
# The exercises' stop rule ("pain spreads into your leg or further down it, or numbness or
# tingling appear or get worse") asked of running, "since you last answered" as the warning signs
# are, so a morning check skipped is covered by the next session's: a yes stops the programme
# (running.progression).
LEG = Question(
    code="leg_worse",
    text=_(
        "Since you last answered these questions, has pain, numbness or tingling in a leg "
        "started, got worse or spread further down?"
    ),
    first_text=_(
        "Since you started the programme, has pain, numbness or tingling in a leg started, got "
        "worse or spread further down?"
    ),
    help_text=_(
        "Answer yes even if it has settled again. Ordinary muscle soreness in your thighs or "
        "calves after exercise does not count, and nor does pain in your back or buttock alone."
    ),
)
HARD_ACTIVITIES = Question(
    code="hard_activities",
    text=_("How hard are running and the everyday things your back made difficult?"),
    help_text=_("0 is no trouble at all, 10 you cannot do them."),
)
WORST_PAIN = Question(
    code="worst_pain",
    text=_("How bad was your back pain at its worst this week?"),
    help_text=_("0 is no pain at all, 10 the worst pain you can imagine."),
)

SESSION_STEPS = (WARNING_SIGNS, DURING, AFTER, LEG)
MORNING_STEPS = (WARNING_SIGNS, MORNING, LEG)
OUTCOME_STEPS = (HARD_ACTIVITIES, WORST_PAIN)


WARNING_SIGN_HEADINGS = {
    vocabulary.EMERGENCY: _("Call 999 now if any of these has started or got worse:"),
    vocabulary.URGENT: _(
        "Get urgent advice today (a GP appointment or 111) if any of these has started or got "
        "worse:"
    ),
}
OTHER_SIGNS = _("Any of these:")  # a level without a heading of its own still shows its signs


def warning_sign_headings(flags):
    """The heading over each warning sign answer, in the order they are asked: each sign
    under its urgency's, "No, none of these" under "or"."""
    headings = {flag.slug: WARNING_SIGN_HEADINGS.get(flag.level, OTHER_SIGNS) for flag in flags}
    return {**headings, NONE: _("or")}


def warning_sign_choices(flags):
    return [*((flag.slug, flag.sign) for flag in flags), (NONE, _("No, none of these"))]


def choices_for(question, flags):
    if question is WARNING_SIGNS:
        return warning_sign_choices(flags)
    if question is LEG:
        return [(YES, _("Yes")), (NO, _("No"))]
    if question is HARD_ACTIVITIES:
        return scale_choices(DIFFICULTY_WORDS)
    return scale_choices(PAIN_WORDS)
