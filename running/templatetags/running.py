"""The questionnaire result's link to its return-to-run programme, and the warning signs logged
since (triage imports no app of ours, so its result template asks through these tags)."""

from django import template

from conditions.urgency import Urgency
from running import logbook
from triage.engine.scoring import SOON, STOP

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
        # Offered for later: the result says not to run yet.
        "not_running_yet": result.running == STOP,
        # ... and to see a GP or physiotherapist first, who may find what the programme is not for.
        "checked_first": result.running == STOP and result.disposition == SOON,
    }


@register.inclusion_tag("running/_insights.html")
def programme_insights(start, end):
    """The runners' logs section of the insights page, for the same period."""
    from running import insights

    return {"running": insights.gather(start=start, end=end)}


@register.inclusion_tag("running/_log_warning.html")
def log_warning(submission):
    """A card at the top of a stored result whose runner's log has a warning sign in it since:
    the result's own advice was worked out before it."""
    log = getattr(submission, "running_log", None)
    level = logbook.warning_sign_reported(log) if log else ""
    return {"level": level, "Urgency": Urgency, "token": getattr(submission, "token", "")}
