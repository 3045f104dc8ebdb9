"""A stored result looked up by the token in its address: the one look-up behind a result
page, its downloads and the runner's log (``running.views``)."""

from triage.live.rate_limits import count_failed_lookup
from triage.live.responses import not_found, result_gone
from triage.models import DeletedResult, Submission


def stored_result(request, token, *, related=("questionnaire",)):
    """(the stored result, None), or (None, the page saying why not): 404 for an address that
    never named a result, 410 for a result past its retention days or deleted (its address is
    remembered as a hash, ``DeletedResult``). The one look-up behind a result page, its
    FHIR download, its clinician summary and the pages kept with it (``related``: the rows
    its page needs, read in the same query)."""
    # The token is unique, so no ordering: first() would compile and run an ORDER BY on
    # every result page and log page.
    # Its runner's log, if any, is read with it: how long it is kept depends on the log.
    related = {"running_log", *related}
    found = Submission.objects.select_related(*related).filter(token=token).order_by()
    submission = next(iter(found[:1]), None)
    if submission is not None and not submission.is_expired():
        return submission, None
    count_failed_lookup(request)  # against the address's limit (``limit_result_lookups``)
    if submission is None and not DeletedResult.was_deleted(token):
        return None, not_found(request, template="triage/result_not_found.html")
    return None, result_gone(request)
