"""The run behind a walk's cookie, handed to a questionnaire view and kept when it answers
(``keeps_run``): the live pages and the staff preview share it."""

from functools import wraps

from triage.live import flow
from triage.live.responses import answers_not_kept
from triage.live.walk import LIVE


def keeps_run(view):
    """The view gets its walk (live, or a preview of ``version``) as ``request.walk`` and the
    run behind that walk's cookie as ``request.triage``; changes are kept when it answers. When
    the run store does not answer, the person is told their answers cannot be kept just now."""

    @wraps(view)
    def wrapper(request, *args, walk=LIVE, version=None, **kwargs):
        request.walk = walk.at(version) if walk.preview else walk
        try:
            request.triage = flow.RunStore(request, cookie=request.walk.cookie)
            return request.triage.write(view(request, *args, **kwargs))
        except flow.RunStoreUnavailable:
            return answers_not_kept(request)

    return wrapper
