"""`make bench`'s "log a session" rows: runners' logs started over HTTP, then wrk answering
their sessions' questions (``log_session.lua``): four requests a session, one a question, the
answers kept on the server between them and the session saved by the last.

Each wrk thread has one connection and its own logs, so its requests answer one log's
questions in order; afterwards the logs' pages say how many sessions were saved, and any
request beyond four a saved session (an answer refused or lost) is counted as a failure."""

import re
from pathlib import Path

from bench.walk import CSRF, Walker

LOG_SCRIPT = Path(__file__).with_name("log_session.lua")
QUESTIONS = 4  # a session's questions (running.forms.SESSION_STEPS): log_session.lua answers each
NEXT_SESSION = re.compile(rb"/programme/session/(\d+)/")


class Runner:
    """One runner with a result and a started log, and their browser's cookies."""

    def __init__(self, base):
        self.walker = Walker(base)
        result = self.walker.complete()
        self.path = result + "programme/"
        _status, _, page = self.walker.request(self.path)
        status, _, _ = self.walker.post_form(self.path + "start/", page, {"consent": "yes"})
        if status != 302:
            raise RuntimeError(f"starting the programme answered {status}")
        _status, _, page = self.walker.request(f"{self.path}session/1/")  # a form's token
        self.csrf = CSRF.search(page).group(1).decode()

    def next_number(self):
        _status, _, page = self.walker.request(self.path)
        return int(NEXT_SESSION.search(page).group(1))

    def entry(self):
        return f"{self.path}|{self.walker.cookie_header}|{self.csrf}|{self.next_number()}"


def start_runners(base, count):
    return [Runner(base) for _ in range(count)]


def log_session_row(run_wrk, base, runners, connections, seconds):
    """One wrk run at ``connections``; its row, with requests that saved no session counted
    as failures."""
    before = [runner.next_number() for runner in runners]
    entries = "\n".join(runner.entry() for runner in runners)
    row = run_wrk(
        base + runners[0].path,
        {},
        connections,
        seconds,
        script=LOG_SCRIPT,
        threads=connections,
        env={"BENCH_LOGS": entries, "BENCH_THREADS": str(connections)},
    )
    saved = sum(runner.next_number() - first for runner, first in zip(runners, before, strict=True))
    # A run ends part-way through some sessions: at most 3 answers of each log are unsaved.
    unsaved = row["requests"] - QUESTIONS * saved - (QUESTIONS - 1) * len(runners)
    row["non_2xx"] += max(0, unsaved)
    return row
