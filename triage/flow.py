"""Where a person is in the questionnaire: the run kept in their session, and the pure rules
for which question comes next and which questions they may open."""

from dataclasses import dataclass

from triage import scoring

SESSION_KEY = "triage-run"


@dataclass
class Run:
    """One go through one questionnaire version, stored in the session as a plain dict."""

    version: int
    consent: bool = False
    answers: dict = None
    token: str = ""

    def __post_init__(self):
        self.answers = dict(self.answers or {})

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
        )

    def save(self, session):
        session[SESSION_KEY] = {
            "version": self.version,
            "consent": self.consent,
            "answers": self.answers,
            "token": self.token,
        }

    @staticmethod
    def clear(session):
        session.pop(SESSION_KEY, None)

    @property
    def finished(self):
        return bool(self.token)


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


def neighbours(code, *, answers, rules):
    """(previous code or None, next code or None, position from 1, number of questions)."""
    codes = [q.code for q in scoring.visible_questions(answers=answers, rules=rules)]
    index = codes.index(code)
    previous = codes[index - 1] if index > 0 else None
    following = codes[index + 1] if index + 1 < len(codes) else None
    return previous, following, index + 1, len(codes)
