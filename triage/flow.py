"""Where a person is in the questionnaire: the run kept in a signed cookie, and the pure rules
for which question comes next and which questions they may open.

The run lives in the person's own browser, signed with the secret key so it cannot be forged,
not in a server session: an answer then costs no session read, and any app server can take the
next request. Nothing about the person is stored on the server until the result; for people who
agreed to keep their result, the first answer to each question adds one to an anonymous daily
count (``triage.insights.count_walk_reach``, one small write, once per walk and question however
often a cookie is sent again), which is how the insights show where people stop.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from triage import scoring

SESSION_KEY = "triage-run"
INVALID_KEY = "triage-invalid"
RUN_COOKIE = "triage-run"
PREVIEW_COOKIE = "triage-preview"
RUN_SALT = "triage.flow.run"


class CookieStore:
    """A small dict-like store read from the signed run cookie; ``write`` puts any change on
    the response (or deletes the cookie when the store is emptied)."""

    def __init__(self, request, cookie=RUN_COOKIE):
        self.cookie = cookie
        self.salt = f"{RUN_SALT}.{cookie}" if cookie != RUN_COOKIE else RUN_SALT
        try:
            data = signing.loads(
                request.COOKIES[cookie], salt=self.salt, max_age=settings.SESSION_COOKIE_AGE
            )
        except (KeyError, signing.BadSignature, ValueError):
            data = {}
        self.data = data if isinstance(data, dict) else {}
        self.changed = False

    def get(self, key, default=None):
        return self.data.get(key, default)

    def __setitem__(self, key, value):
        self.data[key] = value
        self.changed = True

    def pop(self, key, default=None):
        if key in self.data:
            self.changed = True
        return self.data.pop(key, default)

    def write(self, response):
        if not self.changed:
            return response
        if self.data:
            response.set_cookie(
                self.cookie,
                signing.dumps(self.data, salt=self.salt, compress=True),
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        else:
            response.delete_cookie(self.cookie, samesite="Lax")
        return response


def new_walk():
    return secrets.token_urlsafe(16)


def result_key(walk, answers):
    """What one result is stored under: the walk and the answers it was worked out from. The
    same final answers sent twice (a double click, a retry) give one result; any other answers
    (a stale cookie, a second tab, a changed answer) give their own, never the old one."""
    canonical = json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{walk}:{hashlib.sha256(canonical.encode()).hexdigest()[:40]}"


@dataclass
class Run:
    """One go through one questionnaire version, stored in the session as a plain dict."""

    version: int
    consent: bool = False
    answers: dict = None
    token: str = ""
    walk: str = ""

    def __post_init__(self):
        self.answers = dict(self.answers or {})
        self.walk = self.walk or new_walk()

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
        )

    def save(self, session):
        session[SESSION_KEY] = {
            "version": self.version,
            "consent": self.consent,
            "answers": self.answers,
            "token": self.token,
            "walk": self.walk,
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
    """(position from 1, total). The total counts questions that may still be asked, so it
    only ever shrinks as answers come in: progress never jumps back."""
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
