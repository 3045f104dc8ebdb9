"""Every sentence that sends a runner to a GP today or to 111 names the same urgent signs, from
one place (``templates/_urgent_signs.html``): the print footer of every page and the exercise
sheet. (Both once spelled their own short list, which left out weight loss, a higher risk of
infection, a new lump and the bone conditions that make a small fall matter.)"""

import json

import pytest

from tests.helpers import PROJECT_DIR

pytestmark = pytest.mark.django_db

SNIPPET = PROJECT_DIR / "templates" / "_urgent_signs.html"
# Each shipped urgent warning sign, by slug, and the words the phrase names it with.
NAMED_AS = {
    "fever-unwell": "a high temperature, or you feel hot, shivery or very unwell",
    "cancer-weight-loss": "you have had cancer or are losing weight without trying",
    "constant-night-pain": "the pain is there all the time, or worse at night",
    "fall-or-accident": "osteoporosis or have taken steroid tablets for a long time",
    "age-new-severe-pain": "you are under 20 or over 50 and the pain is severe",
    "lump-or-shape-change": "a new lump on your back or a change in the shape of your spine",
    "infection-risk": "more likely than most people to get a serious infection",
}


def shipped_urgent_signs():
    rows = json.loads((PROJECT_DIR / "fixtures" / "02_red_flags.json").read_text())
    return {
        row["fields"]["slug"]
        for row in rows
        if row["model"] == "conditions.redflag" and row["fields"]["level"] == "urgent"
    }


def test_the_phrase_names_every_shipped_urgent_sign():
    phrase = SNIPPET.read_text()

    assert set(NAMED_AS) == shipped_urgent_signs()
    assert [slug for slug, words in NAMED_AS.items() if words not in phrase] == []


@pytest.mark.parametrize("url", ["/", "/exercises/sheet/"])
def test_the_printed_warnings_name_every_urgent_sign(client, url):
    page = " ".join(client.get(url).content.decode().split())

    assert [slug for slug, words in NAMED_AS.items() if words not in page] == []
