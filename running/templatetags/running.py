"""The questionnaire result's link to its return-to-run programme, and the warning signs logged
since (triage imports no app of ours, so its result template asks through these tags)."""

from django import template
from django.utils.translation import gettext_lazy as _

from conditions.urgency import Urgency
from running import logbook
from running.words import REASON_WORDS
from triage.engine.scoring import MODIFY, SOON, STOP

register = template.Library()


@register.inclusion_tag("running/_result_link.html")
def programme_link(result, submission):
    """The programme offered to ``result``, linked to the log behind ``submission``'s address;
    nothing for a preview or a result that was not stored."""
    token = getattr(submission, "token", "")
    if not token:
        return {}
    return {
        "programme": logbook.programme_for(result, logbook.live_programmes()),
        "token": token,
        # Started: the button opens the log rather than offering to start it.
        "log": getattr(submission, "running_log", None),
        "since": logged_warnings(submission),
        # Offered for later: the result says not to run yet.
        "not_running_yet": result.running == STOP,
        # ... and to see a GP or physiotherapist first, who may find what the programme is not for.
        "checked_first": result.running == STOP and result.disposition == SOON,
        # Running allowed with changes: the programme is for one who cut back or stopped anyway.
        "running_changed": result.running == MODIFY,
    }


@register.inclusion_tag("running/_insights.html")
def programme_insights(start, end):
    """The runners' logs section of the insights page, for the same period."""
    from running import insights

    return {"running": insights.gather(start=start, end=end)}


def logged_warnings(submission):
    """``logbook.WarningsLogged`` for the runner's log of ``submission``, read once however many
    of these tags a page holds (kept on the log row the request looked up)."""
    log = getattr(submission, "running_log", None)
    if log is None:
        return logbook.NONE_LOGGED
    if not hasattr(log, "_warnings_logged"):
        log._warnings_logged = logbook.WarningsLogged.of(log)
    return log._warnings_logged


@register.inclusion_tag("running/_log_warning.html")
def log_warning(submission):
    """A card at the top of a stored result (and of what is printed from it) whose runner's
    log has since had a warning sign in it or stopped the programme: the result's own advice
    was worked out before it."""
    logged = logged_warnings(submission)
    return {
        "level": logged.level,
        "reason_words": REASON_WORDS.get(logged.stop_reason, ""),
        "Urgency": Urgency,
        "token": getattr(submission, "token", ""),
    }


@register.inclusion_tag("running/_log_warning_for_clinician.html")
def log_warning_for_clinician(submission):
    """The same, told to the clinician the summary is for: when it was logged and what the
    runner was told, and the sign they chose (kept since sessions kept it)."""
    logged = logged_warnings(submission)
    return {
        "level": logged.level,
        "Urgency": Urgency,
        "session": logged.first,
        "at_morning": logged.at_morning,
        "stop": logged.stop,
        "reason_words": REASON_WORDS.get(logged.stop_reason, ""),
    }


@register.simple_tag
def result_title(submission, title):
    """The result's page title, unless its runner's log has since had a warning sign in it or
    stopped the programme: then what the card at the top of the page says to do."""
    return WARNING_TITLES.get(logged_warnings(submission).level, title)


WARNING_TITLES = {
    Urgency.EMERGENCY: _("Call 999 or go to A&E now"),
    Urgency.URGENT: _("Get urgent advice today"),
    Urgency.SOON: _("See a physiotherapist or GP soon"),
}
