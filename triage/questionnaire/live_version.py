"""The live questionnaire version, kept in process memory and checked against a stamp in the
shared cache."""

import logging
import time

from django.conf import settings
from django.db import DatabaseError, transaction

from core.caching import renew_shared_stamp, share_under_stamp, shared_stamp, shared_under_stamp
from core.errors import DATABASE_DOWN
from triage.models import Questionnaire, Rule

logger = logging.getLogger(__name__)

# The live version is kept in process memory, checked against a stamp in the shared cache; a
# save or delete of any version (a publish, say) changes the stamp. Where a walk's outcome is
# decided (starting a walk, working out a result) the stamp is read every time, so no walk
# starts on, and no result comes from, a version another server has replaced. The pages in
# between read it at most once every TRIAGE_LIVE_CHECK_SECONDS per process: a question page
# then costs no cache round trip, and a hung cache delays one request a second, not every one.
LIVE_STAMP_KEY = "triage-live-stamp"
# The live version as the last process to read it from the database saw it, with its rule book
# and question rows, under the stamp it was read at: a process that starts while the database
# is away (a worker recycled or restarted during an outage) takes it from here instead of
# answering every questionnaire page 503. Only a copy made under the current stamp is taken:
# nothing can be published while the database is away, so that copy is the live version.
SHARED_COPY_KEY = "triage-live-copy"
_live = {"stamp": None, "questionnaire": None, "checked": float("-inf")}


def live_questionnaire(*, fresh=True):
    """The live version, or None. ``fresh=False`` accepts this process's copy if it was
    checked against the shared stamp within the last TRIAGE_LIVE_CHECK_SECONDS."""
    now = time.monotonic()
    recent = now - _live["checked"] < settings.TRIAGE_LIVE_CHECK_SECONDS
    if not fresh and recent and _live["stamp"] is not None:
        return _live["questionnaire"]
    stamp = shared_stamp(LIVE_STAMP_KEY)
    if stamp is None or stamp != _live["stamp"]:
        try:
            copy = read_whole_version()
        except DATABASE_DOWN:
            if _live["questionnaire"] is None and not take_shared_copy(stamp):
                raise
            # The database is away: carry on with this server's copy (nothing can be
            # published meanwhile) and read it again on the next check.
            logger.warning("live questionnaire read from memory: the database is unreachable")
            return _live["questionnaire"]
        _live["questionnaire"], _live["stamp"] = copy[0], stamp
        if stamp is not None:  # the cache answered: share the copy there
            share_under_stamp(SHARED_COPY_KEY, stamp, copy)
    _live["checked"] = now
    return _live["questionnaire"]


def read_whole_version():
    """(live version, its rule book, its question rows), all read or none: a process that read
    the version but lost the database before its rule book would have served the version and
    answered its pages 503 (a likely cause of the start page's one 503 in a hung-database run)."""
    from triage.questionnaire.rulebooks import question_rows, rulebook_for

    questionnaire = Questionnaire.objects.live()
    if questionnaire is None:
        return (None, None, None)
    return (questionnaire, rulebook_for(questionnaire), question_rows(questionnaire))


def take_shared_copy(stamp):
    """Whether the shared cache held a copy made under ``stamp``, now this process's own."""
    from triage.questionnaire.rulebooks import adopt

    copy = shared_under_stamp(SHARED_COPY_KEY, stamp)  # never shared under None
    if copy is None:
        return False
    questionnaire, rulebook, rows = copy
    if questionnaire is not None:
        adopt(questionnaire, rulebook, rows)
    _live["questionnaire"], _live["stamp"] = questionnaire, stamp
    return True


def reset_live_questionnaire():
    _live["stamp"] = None
    renew_shared_stamp(LIVE_STAMP_KEY)


def forget_live_questionnaire(**kwargs):
    """Signal receiver: now, and again once the change is committed (so that no server can
    remember the old version under the new stamp)."""
    reset_live_questionnaire()
    transaction.on_commit(reset_live_questionnaire)


def live_rules_using(field):
    """A usage finder: the live questionnaire's rules that point to an item through ``field``."""

    def finder(item):
        rules = Rule.objects.filter(
            **{field: item.draft_of_id or item.pk},
            option__question__questionnaire__status="published",
        ).select_related("option__question__questionnaire")
        return [
            (
                f"live questionnaire version {rule.option.question.questionnaire.version}, "
                f"rule “{rule.option.question.text} → {rule.option.label}”: {rule.reason}",
                True,
            )
            for rule in rules
        ]

    return finder


def warm():
    """Read the live version and its rule book into this process's memory (a new gunicorn
    worker does, before its first request: ``config/gunicorn.py``), so its questionnaire pages
    never need the database later, even if it stops before this worker first serves one.
    With the database away or not migrated now, the first page to need it reads it."""
    try:
        live_questionnaire()
    except DatabaseError as error:  # down, or not migrated yet: a warm-up never stops a worker
        logger.warning("live questionnaire not read at start (%s)", type(error).__name__)
