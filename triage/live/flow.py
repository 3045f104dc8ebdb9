"""Where a person is in the questionnaire: the run kept on the server behind an opaque cookie,
and the pure rules for which question comes next and which questions they may open.

The run (answers, consent, the walk's key and, once finished, the result's token) is kept in
the ``runs`` cache (settings ``CACHES``): Redis when ``REDIS_URL`` is set, otherwise a database
table of its own (local memory for one runserver process and in tests). The browser holds only
a random id in the run cookie, so an answer is never readable in the cookie, a copied cookie
shows nothing once the run is gone, and purging a result ends the run that holds its answers
(``end_run_of_result``). With Redis an answer costs one cache read and one write and no
database query, so a walk goes on while the database is away. Nothing about the person is
stored in the database until the result; for people who agreed to keep their result, the first
answer to each question adds one to an anonymous daily count
(``triage.insights.report.count_walk_reach``, once per walk and question however often a request is
sent again), which is how the insights show where people stop.

Django's own cache session backend is not used: it reads before every write and, because a
cache may fail silently, retries a new session up to 10,000 times when its store is down. A run
needs one read and one write per answer, and a clear page when its store does not answer.
"""

import hashlib
import json
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

from core.caching import runs_store
from triage.engine import scoring

SESSION_KEY = "triage-run"
# Answers another page asks about a stored result (the runner's log: ``running.views.ask``),
# kept until they are saved: a dict with the result's "token", indexed like a run's result.
FOLLOW_UP_KEY = "result-follow-up"
INDEXED_KEY = "indexed-at"  # {result token: [run id, when that result's index last named it]}
INVALID_KEY = "triage-invalid"
RUN_COOKIE = "triage-run"
PREVIEW_COOKIE = "triage-preview"
# django-redis raises the Redis client's own error when its errors are not ignored.
STORE_ERRORS = (ConnectionInterrupted, RedisError, DatabaseError, OSError)


class RunStoreUnavailable(Exception):
    """The store that keeps runs did not answer: the answers can be neither read nor kept."""


def runs():
    return runs_store()


def stored_key(run_id):
    """Where a run id's data is kept: a hash, so the store's keys are not the cookies' values."""
    return "run:" + hashlib.sha256(run_id.encode()).hexdigest()[:40]


def result_index_key(token):
    return "run-of:" + hashlib.sha256(token.encode()).hexdigest()[:40]


class RunStore:
    """The dict-like data behind one browser's run cookie; ``write`` keeps any change on the
    server and puts the cookie on the response (or ends the run when it is emptied)."""

    def __init__(self, request, cookie=RUN_COOKIE):
        self.cookie = cookie
        self.run_id = request.COOKIES.get(cookie, "")
        self.replaced_id = ""
        self.data = {}
        self.changed = False
        if self.run_id:
            try:
                data = runs().get(stored_key(self.run_id))
            except STORE_ERRORS as error:
                raise RunStoreUnavailable from error
            self.data = data if isinstance(data, dict) else {}
        if not self.data:
            self.run_id = ""  # an unknown, expired or ended id is never reused

    @classmethod
    def for_cookie(cls, value, cookie=RUN_COOKIE):
        """The store behind a cookie's value (tests, tools)."""
        request = type("CookieOnly", (), {"COOKIES": {cookie: value}})()
        return cls(request, cookie)

    def get(self, key, default=None):
        return self.data.get(key, default)

    def __setitem__(self, key, value):
        self.data[key] = value
        self.changed = True

    def pop(self, key, default=None):
        if key in self.data:
            self.changed = True
        return self.data.pop(key, default)

    def renew(self):
        """A new walk gets a new id; the old run is forgotten when the new one is kept, so a
        copy of the old cookie reaches nothing."""
        self.replaced_id = self.replaced_id or self.run_id
        self.run_id = ""
        self.changed = True

    def result_tokens(self):
        """The stored results this run holds answers of, so that purging one ends the run: the
        walk's result, earlier results it was finished with or opened from (``Run.held``), and
        a result whose log is being answered."""
        tokens = []
        for key in (SESSION_KEY, FOLLOW_UP_KEY):
            part = self.data.get(key)
            if isinstance(part, dict):
                held = part.get("held")
                tokens += [part.get("token"), *(held if isinstance(held, list) else [])]
        return list(dict.fromkeys(token for token in tokens if token and isinstance(token, str)))

    def write(self, response):
        if not self.changed:
            return response
        if not self.result_tokens():
            self.data.pop(INDEXED_KEY, None)
        keep = any(key != INDEXED_KEY for key in self.data)
        try:
            if self.replaced_id:
                runs().delete(stored_key(self.replaced_id))
            if keep:
                self.run_id = self.run_id or secrets.token_urlsafe(32)
                if self.cookie == RUN_COOKIE:  # a preview's result is never stored
                    self.index_under_results()
                runs().set(stored_key(self.run_id), self.data, settings.SESSION_COOKIE_AGE)
            elif self.run_id:
                runs().delete(stored_key(self.run_id))
        except STORE_ERRORS as error:
            raise RunStoreUnavailable from error
        if keep:
            response.set_cookie(
                self.cookie,
                self.run_id,
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        else:
            response.delete_cookie(self.cookie, samesite="Lax")
        return response

    def index_under_results(self):
        """Name this run in the index of each result it holds answers of (``end_run_of_result``
        reads it), when the index may not name it for as long as the run is kept: not on every
        answer, which would cost two more round trips each (``index_due``). Written before the
        run, so a run never says it is indexed when it is not."""
        now = time.time()
        marks = self.data.get(INDEXED_KEY)
        marks = marks if isinstance(marks, dict) else {}
        tokens = self.result_tokens()
        for token in tokens:
            if not index_due(marks.get(token), self.run_id, now):
                continue
            index = result_index_key(token)
            holders = [*runs_holding(runs().get(index)), self.run_id]
            kept = list(dict.fromkeys(holders))[-MAX_RUNS_PER_RESULT:]
            runs().set(index, kept, INDEX_SECONDS_PER_RUN_SECOND * settings.SESSION_COOKIE_AGE)
            marks[token] = [self.run_id, now]
        self.data[INDEXED_KEY] = {token: marks[token] for token in tokens if token in marks}


# A run is kept SESSION_COOKIE_AGE after each write, a result's index twice that after it last
# named the run, and it names the run again at the first write after half that age: so the
# index always outlives the run it names (tests/triage/test_run_kept_on_server.py).
INDEX_SECONDS_PER_RUN_SECOND = 2
REINDEX_AFTER = 0.5  # of SESSION_COOKIE_AGE


def index_due(mark, run_id, now):
    """Whether a result's index must name this run again: never named it, named another id
    (a renewed run), or named it long enough ago that it could expire before the run does."""
    if not (isinstance(mark, list) and len(mark) == 2 and mark[0] == run_id):
        return True
    named_at = mark[1]
    if not isinstance(named_at, int | float):
        return True
    return not 0 <= now - named_at < REINDEX_AFTER * settings.SESSION_COOKIE_AGE


# A result's answers can be opened into a run on several devices (``Run.of_result``); this
# many of the runs holding them are remembered, so that purging the result ends them all.
MAX_RUNS_PER_RESULT = 20


def runs_holding(kept):
    """The run ids kept under a result's index: a list, or one id as older runs kept it."""
    if isinstance(kept, str):
        return [kept]
    return [run_id for run_id in kept or [] if isinstance(run_id, str)]


def end_run_of_result(token):
    """Forget every run that finished with this result's token or was opened from it (if still
    kept), so the answers go with the result, even when a run has been changed and finished
    again since."""
    index = result_index_key(token)
    store = runs()
    for run_id in runs_holding(store.get(index)):
        store.delete(stored_key(run_id))
    store.delete(index)


def new_walk():
    return secrets.token_urlsafe(16)


def result_key(walk, answers):
    """What one result is stored under: the walk and the answers it was worked out from. The
    same final answers sent twice (a double click, a retry) give one result; any other answers
    (a stale cookie, a second tab, a changed answer) give their own, never the old one."""
    canonical = json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{walk}:{hashlib.sha256(canonical.encode()).hexdigest()[:40]}"


MAX_HELD_RESULTS = 20  # earlier results a run remembers holding answers of (finished, changed…)


@dataclass
class Run:
    """One go through one questionnaire version, stored in the session as a plain dict."""

    version: int
    consent: bool = False
    answers: dict = None
    token: str = ""
    walk: str = ""
    held: list = None  # tokens of earlier results whose answers this run still holds

    def __post_init__(self):
        self.answers = dict(self.answers or {})
        self.walk = self.walk or new_walk()
        self.held = [token for token in self.held or [] if isinstance(token, str) and token]

    @classmethod
    def of_result(cls, submission, *, version, rules):
        """A run holding a stored result's answers, so they can be changed on any device. On
        the result's own questionnaire version it is the finished walk itself: confirming the
        same answers again gives the same result. On a newer version it is a new walk with the
        answers that still fit its questions."""
        walk, _sep, _answers = (submission.walk or "").partition(":")
        if submission.questionnaire.version == version and walk:
            return cls(
                version=version,
                consent=submission.consent_to_keep,
                answers=submission.answers,
                token=submission.token,
                walk=walk,
            )
        answers = answers_that_fit(answers=submission.answers, rules=rules)
        return cls(
            version=version,
            consent=submission.consent_to_keep,
            answers=answers,
            held=[submission.token],
        )

    @classmethod
    def load(cls, session):
        data = session.get(SESSION_KEY)
        if not isinstance(data, dict) or not isinstance(data.get("version"), int):
            return None
        return cls(
            version=data["version"],
            consent=bool(data.get("consent")),
            answers=data.get("answers") if isinstance(data.get("answers"), dict) else {},
            token=str(data.get("token") or ""),
            walk=str(data.get("walk") or ""),
            held=data.get("held") if isinstance(data.get("held"), list) else [],
        )

    def save(self, session):
        session[SESSION_KEY] = {
            "version": self.version,
            "consent": self.consent,
            "answers": self.answers,
            "token": self.token,
            "walk": self.walk,
            "held": self.held,
        }

    @staticmethod
    def clear(session):
        session.pop(SESSION_KEY, None)

    @property
    def finished(self):
        return bool(self.token)

    def reopen(self):
        """An answer changed after the result: the next finish is a new walk and result."""
        if self.finished:
            self.held = [*self.held, self.token][-MAX_HELD_RESULTS:]
            self.token = ""
            self.walk = new_walk()


MAX_REFUSED_VALUES, MAX_REFUSED_LENGTH = 20, 100  # enough to show the error; the cookie stays small


def keep_invalid(session, code, values):
    """Keep a refused answer for one redirect, so the error shows on a GET (post/redirect/get)."""
    kept = [str(value)[:MAX_REFUSED_LENGTH] for value in values[:MAX_REFUSED_VALUES]]
    session[INVALID_KEY] = {"code": code, "data": {"answer": kept}}


def take_invalid(session, code):
    """The refused answer for this question, once; None if there is none."""
    kept = session.get(INVALID_KEY)
    if not isinstance(kept, dict):
        return None
    session.pop(INVALID_KEY, None)
    data = kept.get("data")
    return data if kept.get("code") == code and isinstance(data, dict) else None


def shown_answers(*, answers, rules):
    """Only the answers to questions this person is shown, in asking order."""
    return {
        question.code: answers[question.code]
        for question in scoring.visible_questions(answers=answers, rules=rules)
        if question.code in answers
    }


def answers_that_fit(*, answers, rules):
    """The answers that are still valid answers to the same questions in ``rules``: a number
    to a number question, options each question still offers."""
    kept = {}
    for code, value in answers.items():
        question = rules.question(code)
        if question is None:
            continue
        if question.kind == scoring.NUMBER:
            fits = isinstance(value, int) and not isinstance(value, bool)
        elif question.kind == scoring.MULTIPLE:
            fits = (
                isinstance(value, list)
                and value
                and all(isinstance(each, str) and question.choice(each) for each in value)
            )
        else:
            fits = isinstance(value, str) and question.choice(value) is not None
        if fits:
            kept[code] = value
    return shown_answers(answers=kept, rules=rules)


def first_unanswered(*, answers, rules):
    """The first shown question without an answer, or None when all are answered."""
    for question in scoring.visible_questions(answers=answers, rules=rules):
        if question.code not in answers:
            return question
    return None


def may_open(code, *, answers, rules):
    """A shown question whose earlier questions are all answered; no jumping ahead."""
    for question in scoring.visible_questions(answers=answers, rules=rules):
        if question.code == code:
            return True
        if question.code not in answers:
            return False
    return False


def might_be_shown(question, answers, rules):
    """Shown, or hidden only behind an earlier question not answered yet."""
    if question.show_if is None:
        return True
    earlier = rules.question(question.show_if[0])
    if earlier is None:
        return False
    if earlier.code not in answers:
        return might_be_shown(earlier, answers, rules)
    return scoring.is_shown(question, answers, rules)


def progress(code, *, answers, rules):
    """(position from 1, total). The total counts questions that may still be asked, so on a
    first walk it only ever shrinks as answers come in: progress never jumps back. Changing an
    earlier answer can bring in questions it had ruled out, and the total then grows by them."""
    codes = [q.code for q in scoring.visible_questions(answers=answers, rules=rules)]
    total = sum(1 for q in rules.questions if might_be_shown(q, answers, rules))
    return codes.index(code) + 1, total


def neighbours(code, *, answers, rules):
    """(previous code or None, next code or None, position from 1, number of questions)."""
    codes = [q.code for q in scoring.visible_questions(answers=answers, rules=rules)]
    index = codes.index(code)
    previous = codes[index - 1] if index > 0 else None
    following = codes[index + 1] if index + 1 < len(codes) else None
    return previous, following, index + 1, len(codes)
