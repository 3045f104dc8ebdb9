"""The public site as runners see it, read straight from the database (every cache emptied
first), so two readings compare what an admin request really changed."""

import re

from django.core.cache import cache
from django.urls import reverse

from editorial import registry, workflow
from exercises.models import Exercise
from tests.triage.answers import DISC, NO_RED_FLAGS, walk
from triage.models import Questionnaire
from triage.questionnaire.cases import cases_of, run_case
from triage.questionnaire.live_version import reset_live_questionnaire
from triage.questionnaire.rulebooks import rulebook_for

SEARCHES = ["sciatica", "disc", "bladder", "plank", "running", "NHS", "stretch"]
EMERGENCY = {**NO_RED_FLAGS, "bladder-bowel": "yes"}
CHANGING = [
    (re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"'), b"csrf"),
    (re.compile(rb"/check/result/[\w-]+/"), b"/check/result/TOKEN/"),
    (re.compile(rb'<svg [^>]*class="qr-code".*?</svg>', re.S), b"QR code of the result"),
    (re.compile(rb"(?:\d{1,2} [A-Z][a-z]+ \d{4}, )?\d{1,2}:\d{2}"), b"TIME"),
]


def public_urls():
    urls = [
        reverse("core:home"),
        reverse("conditions:list"),
        reverse("conditions:urgent_help"),
        reverse("conditions:risk_factors"),
        reverse("conditions:guides"),
        reverse("exercises:list"),
        reverse("sitemap"),
        reverse("triage:start"),
        reverse("exercises:sheet")
        + "?"
        + "&".join(
            f"e={slug}" for slug in Exercise.objects.published().values_list("slug", flat=True)
        ),
    ]
    urls += [f"{reverse('search')}?q={query}" for query in SEARCHES]
    for entry in registry.entries():
        for item in entry.model.objects.published():
            if workflow.is_live(item) and hasattr(item, "get_absolute_url"):
                urls.append(item.get_absolute_url())
    return urls


def forget_everything_cached():
    from core.caching import local_pages

    cache.clear()
    local_pages().clear()
    reset_live_questionnaire()
    rulebook_for.cache_clear()  # rule books are kept per version's last change, in memory


def steady(content):
    for pattern, replacement in CHANGING:
        content = pattern.sub(replacement, content)
    return content


def site_as_runners_see_it(client):
    """{url or result name: page bytes} for every public page and two walked results, and the
    live questionnaire's clinician cases as its rules score them."""
    forget_everything_cached()
    client.logout()
    seen = {url: steady(client.get(url).content) for url in public_urls()}
    for name, answers in (("result: disc", DISC), ("result: emergency", EMERGENCY)):
        client.cookies.clear()
        end = walk(client, answers)
        seen[name] = steady(client.get(end.url).content) if end.status_code == 302 else b""
    live = Questionnaire.objects.live()
    rules = rulebook_for(live)
    for case in cases_of(live):
        seen[f"case {case.name}"] = repr(run_case(case, rules)).encode()
    seen["threshold"] = str(live.threshold).encode()
    forget_everything_cached()
    return seen


def changed_pages(before, after):
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
