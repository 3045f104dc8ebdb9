"""Rate limits per client address (``core/client_ip.py``); over a limit, RATELIMIT_VIEW answers
429. Each rate is read from its setting at every request (``per_minute``)."""

from django.conf import settings
from django_ratelimit.decorators import ratelimit

from core.client_ip import rate_limit_key


def per_minute(setting):
    """A django-ratelimit rate read from ``setting`` at each request; 0 is no limit."""

    def rate(group, request):
        count = getattr(settings, setting)
        return f"{count}/m" if count > 0 else None

    return rate


# A result look-up is counted before the token is looked up, so guessed tokens count like real
# ones.
limit_result_lookups = ratelimit(
    group="triage.result", key=rate_limit_key, rate=per_minute("RESULT_LOOKUPS_PER_MINUTE")
)
limit_final_submits = ratelimit(
    group="triage.final-submit",
    key=rate_limit_key,
    rate=per_minute("FINAL_SUBMITS_PER_MINUTE"),
    method="POST",
)
