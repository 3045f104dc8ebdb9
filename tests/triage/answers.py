"""Answer sets for tests, keyed by question code as the questionnaire stores them."""

EMERGENCY_QUESTIONS = [
    "bladder-bowel",
    "saddle-numbness",
    "both-legs",
    "worsening-weakness",
    "serious-accident",
]
URGENT_QUESTIONS = [
    "fever-unwell",
    "cancer-history",
    "weight-loss",
    "constant-night-pain",
    "infection-risk",
    "back-lump",
]
NO_RED_FLAGS = dict.fromkeys([*EMERGENCY_QUESTIONS, *URGENT_QUESTIONS, "minor-trauma"], "no")

# C4 from the issue: worse bending forward and sitting, coughing hurts, pins and needles.
DISC = {
    **NO_RED_FLAGS,
    "age": 41,
    "duration": "2-to-6-weeks",
    "onset": "not-sure",
    "where": ["one-side", "thigh"],
    "tender": "no",
    "worse": ["bending-forward", "sitting", "cough-sneeze"],
    "eases": ["rest"],
    "nerve": ["pins-needles"],
    "severity": "mild",
    "morning-stiffness": "no",
    "running": ["desk"],
}

CHECK_ANSWERS = "/check/answers/"


def finish(client, answers=None):
    """Start a questionnaire with the test client, answer every question it asks (as in
    case C4 unless told otherwise) and confirm the answers; return the URL it ends on."""
    answers = answers or DISC
    response = client.post("/check/", {})
    while response.status_code == 302 and "/q/" in response.url:
        code = response.url.rstrip("/").split("/")[-1]
        response = client.post(response.url, {"answer": answers[code]})
    if response.status_code == 302 and response.url == CHECK_ANSWERS:
        response = client.post(CHECK_ANSWERS)
    return response.url


def run_of(client):
    """The questionnaire run the client's browser holds (its signed cookie), as a dict."""
    from django.core import signing

    from triage.flow import RUN_COOKIE, RUN_SALT, SESSION_KEY

    return signing.loads(client.cookies[RUN_COOKIE].value, salt=RUN_SALT)[SESSION_KEY]
