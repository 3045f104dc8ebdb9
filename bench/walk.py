"""Simulated people walking the questionnaire over HTTP: start → every question → check
your answers → result.

Used by `make bench` for walks per second and by the scale-out and fault tests. Each walker
keeps its own cookies (sent even though the production cookies are marked Secure: the
proxy in front would have terminated TLS) and answers as clinician test case C4 does.
"""

import http.client
import json
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from itertools import cycle

from bench.stack import HTTPS, PROJECT_DIR

QUESTIONNAIRE_FIXTURE = PROJECT_DIR / "fixtures" / "08_questionnaire.json"
CHECK_ANSWERS = "/check/answers/"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# A worker killed mid-answer shows up as any of these (IncompleteRead: the body was cut off).
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, urllib.error.URLError)


def case_answers(name="C4", *, fixture=QUESTIONNAIRE_FIXTURE):
    """The answers of a shipped clinician test case, keyed by question code."""
    for item in json.loads(fixture.read_text()):
        if item["model"] == "triage.triagetestcase" and item["fields"]["name"].startswith(name):
            return item["fields"]["answers"]
    raise LookupError(f"no test case {name} in {fixture}")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class WalkError(Exception):
    pass


class Walker:
    """One person. `bases` may name several servers: requests then alternate between them.

    A request whose connection drops is sent again (`retries` times), as a person would press
    refresh: the walk goes on from the state stored on the server, not in the process.
    Through nginx, give the TLS `context` to use and the `origin` the site answers as
    (nginx passes the host without its port), which the Referer header names for CSRF.
    """

    def __init__(self, *bases, answers=None, retries=1, context=None, origin=None):
        self.bases = cycle(bases)
        self.answers = answers or case_answers()
        self.retries = retries
        self.cookies = {}
        self.opener = urllib.request.build_opener(
            NoRedirects, urllib.request.HTTPSHandler(context=context)
        )
        self.origin = origin
        self.retried = 0

    @property
    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, path, data=None):
        """(status, location, body) from the next server; retried once if the line drops."""
        for attempt in range(self.retries + 1):
            base = next(self.bases)
            headers = {
                **HTTPS,
                "Cookie": self.cookie_header,
                "Referer": f"{self.origin or 'https://' + base[7:]}{path}",
            }
            body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
            request = urllib.request.Request(base + path, data=body, headers=headers)
            try:
                try:
                    response = self.opener.open(request, timeout=30)
                except urllib.error.HTTPError as error:
                    response = error
                with response:
                    for header in response.headers.get_all("Set-Cookie") or []:
                        for name, morsel in SimpleCookie(header).items():
                            self.cookies[name] = morsel.value
                    location = response.headers.get("Location", "")
                    return response.status, urllib.parse.urlsplit(location).path, response.read()
            except CONNECTION_ERRORS:
                if attempt == self.retries:
                    raise
                self.retried += 1
                time.sleep(0.5)
        raise AssertionError("unreachable")

    def post_form(self, path, page, fields):
        token = CSRF.search(page)
        if not token:
            raise WalkError(f"no form on {path}")
        return self.request(path, {"csrfmiddlewaretoken": token.group(1).decode(), **fields})

    def begin(self):
        """Open the start page and start; return the status and path of the redirect."""
        status, _, page = self.request("/check/")
        if status != 200:
            raise WalkError(f"start page answered {status}")
        status, path, _ = self.post_form("/check/", page, {})
        if status != 302:
            raise WalkError(f"starting answered {status}")
        return path

    def to_check_answers(self):
        """Walk from the start page, answering every question, and stop on check-your-answers;
        return that page (the final answers not yet sent)."""
        path = self.begin()
        for _ in range(60):
            _status, _, page = self.request(path)
            if path == CHECK_ANSWERS:
                return page
            code = path.rstrip("/").rsplit("/", 1)[-1]
            _status, path, _ = self.post_form(path, page, {"answer": self.answers[code]})
        raise WalkError("never reached check-your-answers")

    def complete(self):
        """Walk from the start page through check-your-answers to a result; return the
        result's path."""
        status, path = 302, self.begin()
        for _ in range(60):
            if status != 302:
                raise WalkError(f"expected a redirect, got {status}")
            if "/check/result/" in path:
                status, _, _ = self.request(path)
                if status != 200:
                    raise WalkError(f"result page answered {status}")
                return path
            status, _, page = self.request(path)
            if status != 200:
                raise WalkError(f"{path} answered {status}")
            if path == CHECK_ANSWERS:
                status, path, _ = self.post_form(path, page, {})
                continue
            code = path.rstrip("/").rsplit("/", 1)[-1]
            status, path, _ = self.post_form(path, page, {"answer": self.answers[code]})
        raise WalkError("the questionnaire did not end")


def walk_load(*bases, users=8, seconds=10, retries=1, answers=None):
    """Users walking repeatedly for a while: walks done, walks per second, errors, timings."""
    deadline = time.monotonic() + seconds
    durations, errors, retried = [], [], []
    lock = threading.Lock()

    def user():
        while time.monotonic() < deadline:
            walker = Walker(*bases, retries=retries, answers=answers)
            started = time.monotonic()
            try:
                walker.complete()
            except (WalkError, *CONNECTION_ERRORS, TimeoutError) as error:
                with lock:
                    errors.append(repr(error))
                continue
            finally:
                with lock:
                    retried.append(walker.retried)
            with lock:
                durations.append(time.monotonic() - started)

    started = time.monotonic()
    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "walks": len(durations),
        "walks_per_second": len(durations) / elapsed,
        "errors": len(errors),
        "error_samples": errors[:5],
        "retries": sum(retried),
        "median_ms": statistics.median(durations) * 1000 if durations else float("nan"),
    }
