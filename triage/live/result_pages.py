"""A result page rendered once and kept (``core.caching``'s result-page layer) until the content
changes or the result expires, whichever comes first; forgotten when the result is deleted.

The kept HTML holds marks where the page's own address and its QR code go, so one rendering
serves every host name the result is opened under.
"""

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.caching import forget_result_page, keep_result_page, stored_result_page
from triage.engine import scoring
from triage.live import flow
from triage.live.pages import render_page
from triage.live.results import published_content, result_context
from triage.live.sharing import qr_svg
from triage.live.walk import LIVE
from triage.models import DeletedResult

logger = logging.getLogger(__name__)

RESULT_URL_MARK = "triage-result-address-goes-here"
RESULT_QR_MARK = "<!-- triage-result-qr-code -->"


def kept_result_page(token):
    """(the content version now, the kept HTML of this result's page or None when there is
    none, or it was rendered from other content or has expired)."""
    version, kept = stored_result_page(token)
    stored_version, expires, html = kept or (None, None, None)
    if stored_version != version or expires is None or timezone.now() >= expires:
        return version, None
    return version, html


def render_and_keep(token, submission, version):
    """The result page's HTML from the content of ``version``, kept until it expires (at most
    ``CACHE_MIDDLEWARE_SECONDS``)."""
    template = (
        "triage/emergency.html"
        if submission.disposition == scoring.EMERGENCY
        else "triage/result.html"
    )
    context = {
        **result_context(submission, published_content(version)),
        "result_address": RESULT_URL_MARK,
        "result_qr": mark_safe(RESULT_QR_MARK),  # noqa: S308 - a constant comment
        "result_url": submission.get_absolute_url(),
        "walk": LIVE.links(),
    }
    html = render_page(template, context)
    expires = submission.deleted_after
    seconds = min(
        settings.CACHE_MIDDLEWARE_SECONDS, int((expires - timezone.now()).total_seconds())
    )
    keep_result_page(token, (version, expires, html), seconds)
    return html


def with_address(html, address):
    """The page with its own address, and that address as a QR code, in place of the marks."""
    return html.replace(RESULT_URL_MARK, address).replace(RESULT_QR_MARK, qr_svg(address), 1)


def forget_result(sender, instance, **kwargs):
    """Signal receiver: a deleted result is never shown from the cache, its address answers
    410 Gone from now on (``DeletedResult``), and the run that holds its answers ends with it.
    If the run store is down, the run still ends on its own within ``SESSION_COOKIE_AGE``; the
    purge goes on."""
    forget_result_page(instance.token)
    DeletedResult.note([instance.token])
    try:
        flow.end_run_of_result(instance.token)
    except flow.STORE_ERRORS:
        logger.warning("A deleted result's run could not be ended: the run store did not answer.")
