"""Rate limits per client address (``core/client_ip.py``); over a limit, RATELIMIT_VIEW answers
429. Each rate is read from its setting at every request (``per_minute``)."""

import functools

from django.conf import settings
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from core.client_ip import rate_limit_key


def per_minute(setting):
    """A django-ratelimit rate read from ``setting`` at each request; 0 is no limit."""

    def rate(group, request):
        count = getattr(settings, setting)
        return f"{count}/m" if count > 0 else None

    return rate


def failed_lookups(request, *, increment):
    """django-ratelimit's count of this address's result look-ups that found nothing this
    minute (one more when ``increment``), or None when there is no limit or the cache failed."""
    return get_usage(
        request,
        group="triage.result",
        key=rate_limit_key,
        rate=per_minute("FAILED_RESULT_LOOKUPS_PER_MINUTE"),
        increment=increment,
    )


def limit_result_lookups(view):
    """Refuse every result look-up, real tokens' too, from an address whose look-ups found no
    result (404, 410: ``count_failed_lookup``) as often as the limit allows this minute, so a
    guesser is stopped and the refusal never tells whether a token exists. A runner's own
    look-ups find their result and are never counted: runners behind one address (a mobile
    network's, a gym's) reading their results and logging sessions never use up the limit."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        usage = failed_lookups(request, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            raise Ratelimited
        return view(request, *args, **kwargs)

    return wrapper


def count_failed_lookup(request):
    failed_lookups(request, increment=True)


limit_final_submits = ratelimit(
    group="triage.final-submit",
    key=rate_limit_key,
    rate=per_minute("FINAL_SUBMITS_PER_MINUTE"),
    method="POST",
)
