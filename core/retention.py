"""How long a questionnaire result is kept, said once for the result pages, the purge and the
privacy notice (``core.views.privacy``)."""

from django.conf import settings

# The result page asks people to book a physiotherapist within a week or so and to get help if
# the pain is not improving after two weeks, and to show the result when they do: a result is
# kept at least this long, whatever the setting says.
ADVICE_DAYS = 28


def retention_days():
    """How long every result is kept. Consent decides only whether clinicians may review it."""
    return max(getattr(settings, "TRIAGE_RETENTION_DAYS", 30), ADVICE_DAYS)
