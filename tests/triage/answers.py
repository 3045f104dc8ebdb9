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

START = "/check/"
CHECK_ANSWERS = "/check/answers/"


def walk(client, answers, *, consent=False, confirm=True):
    """Start a questionnaire with the test client and answer each question it asks, in asking
    order, until a result, check-your-answers (confirmed unless ``confirm`` is false) or a
    question ``answers`` leave out; return the last response. Knows no question codes: it
    follows the redirects of whichever questionnaire is live."""
    response = client.post(START, {"consent": "on"} if consent else {})
    while response.status_code == 302 and "/q/" in response.url:
        code = response.url.split("?")[0].rstrip("/").split("/")[-1]
        if code not in answers:
            return response
        response = client.post(response.url, {"answer": answers[code]})
    if confirm and response.status_code == 302 and response.url == CHECK_ANSWERS:
        response = client.post(CHECK_ANSWERS)
    return response


def finish(client, answers=None):
    """Walk the questionnaire to its result (the seed questionnaire as in case C4 unless told
    otherwise); return the URL it ends on."""
    return walk(client, answers or DISC).url


def run_of(client):
    """The questionnaire run behind the client's run cookie, as the server keeps it (a dict)."""
    from triage.live.flow import RUN_COOKIE, SESSION_KEY, RunStore

    return RunStore.for_cookie(client.cookies[RUN_COOKIE].value).get(SESSION_KEY)


def put_run(client, data, cookie):
    """Keep ``data`` as a run on the server and give the client its cookie, as walking would."""
    from django.http import HttpResponse

    from triage.live.flow import RunStore

    store = RunStore.for_cookie("", cookie)
    for key, value in data.items():
        store[key] = value
    client.cookies[cookie] = store.write(HttpResponse()).cookies[cookie].value


# A sudden one-sided muscle strain: a self-care result with a plan.
STRAIN = {
    **NO_RED_FLAGS,
    "age": 32,
    "duration": "2-to-6-weeks",
    "onset": "sudden",
    "where": ["one-side", "across"],
    "tender": "back-muscle",
    "worse": ["stretch-away", "sitting"],
    "eases": ["heat", "movement"],
    "nerve": ["none"],
    "severity": "mild",
    "morning-stiffness": "no",
    "running": ["desk"],
}

# One answer set for each kind of result the seed questionnaire gives.
RESULT_KINDS = {
    "emergency": {**DISC, "bladder-bowel": "yes"},
    "urgent": {**DISC, "fever-unwell": "yes"},
    "soon": DISC,
    "self_care": STRAIN,
}
