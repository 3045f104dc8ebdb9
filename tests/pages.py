"""One page of each kind a runner can reach, for sweeps over the whole site (valid HTML,
call links): their addresses, found with Django's test client on the seed content."""

from django.test import Client

from tests.triage.answers import CHECK_ANSWERS, DISC, RESULT_KINDS, START, finish

PLAIN_PAGES = {
    "home": "/",
    "urgent help": "/urgent-help/",
    "condition list": "/conditions/",
    "condition": "/conditions/sciatica/",
    "running factor list": "/running-factors/",
    "exercise list": "/exercises/",
    "exercise": "/exercises/dead-bug/",
    "exercise sheet": "/exercises/sheet/?e=dead-bug&e=cobra",
    "search": "/search/?q=sciatica",
    "guide list": "/guides/",
    "about": "/guides/about-this-site/",
    "privacy": "/privacy/",
    "contact": "/contact/",
    "return-to-run programme": "/return-to-running/back-to-running/",
    "questionnaire start": START,
}


def questionnaire_pages():
    """{name: (client, address)} for a question, check-your-answers and each kind of result;
    each with the client whose run reaches it."""
    first = Client()
    question = first.post(START, {}).url
    pages = {"questionnaire question": (first, question)}
    for kind, answers in RESULT_KINDS.items():
        client = Client()
        pages[f"result: {kind}"] = (client, finish(client, answers))
    weak_leg = Client()  # a see-soon reason that says when to call 999
    pages["result: soon, weak leg"] = (weak_leg, finish(weak_leg, {**DISC, "nerve": ["weakness"]}))
    finished, result = pages["result: soon"]
    pages["check your answers"] = (finished, CHECK_ANSWERS)
    pages["clinician summary"] = (finished, result + "summary/")
    pages["result's exercise sheet"] = (finished, result + "sheet/")
    pages["return-to-run log"] = (finished, result + "programme/")
    return pages


def every_page_type():
    """{name: HTML} for one page of every kind."""
    client = Client()
    pages = {name: client.get(address) for name, address in PLAIN_PAGES.items()}
    for name, (each, address) in questionnaire_pages().items():
        pages[name] = each.get(address)
    for name, response in pages.items():
        assert response.status_code == 200, f"{name}: {response.status_code}"
    return {name: response.content.decode() for name, response in pages.items()}


def content_pages():
    """{address: HTML} for every published condition, exercise, guide and running factor."""
    from conditions.models import Condition, Guide, RiskFactor
    from exercises.models import Exercise

    client = Client()
    pages = {}
    for model in (Condition, Exercise, Guide, RiskFactor):
        for item in model.objects.published():
            response = client.get(item.get_absolute_url())
            assert response.status_code == 200, item.get_absolute_url()
            pages[item.get_absolute_url()] = response.content.decode()
    return pages
