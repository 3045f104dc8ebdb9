"""Every sentence that sends a runner to 999 names the same emergency signs, from one place
(``templates/_emergency_signs.html``): the print footer of every page, the site footer, the
exercise sheet, the questionnaire's start page and a result that could not be kept. (The
printed footer once left out leg weakness that is getting worse, and the phrase once left out a
serious accident.)"""

import json
import re

import pytest

from tests.helpers import PROJECT_DIR

pytestmark = pytest.mark.django_db

WORSENING_WEAKNESS = "weakness in a leg that is getting worse"
SNIPPET = PROJECT_DIR / "templates" / "_emergency_signs.html"
STANDALONE = {"503.html"}  # renders without the database, its own list of the signs
# Each shipped emergency warning sign, by slug, and the words the phrase names it with.
NAMED_AS = {
    "bladder-bowel-change": "new bladder or bowel problems",
    "saddle-numbness": "numbness or tingling around your genitals, bottom or inner thighs",
    "both-legs-weak-numb": "weakness or numbness in both legs",
    "worsening-leg-weakness": WORSENING_WEAKNESS,
    "serious-accident": "a serious accident",
}


def shipped_emergency_signs():
    rows = json.loads((PROJECT_DIR / "fixtures" / "02_red_flags.json").read_text())
    return {
        row["fields"]["slug"]
        for row in rows
        if row["model"] == "conditions.redflag" and row["fields"]["level"] == "emergency"
    }


def test_the_phrase_names_every_shipped_emergency_sign():
    phrase = SNIPPET.read_text()

    assert set(NAMED_AS) == shipped_emergency_signs()
    assert [slug for slug, words in NAMED_AS.items() if words not in phrase] == []


@pytest.mark.parametrize("url", ["/", "/check/", "/exercises/sheet/"])
def test_the_pages_that_send_runners_to_999_name_worsening_leg_weakness(client, url):
    page = client.get(url).content.decode()

    assert page.count(WORSENING_WEAKNESS) >= (2 if url == "/" else 1)


def spelled_in_python(root):
    """Our Python modules (not tests, migrations or the virtualenv) that spell out a sign."""
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if not {"tests", "migrations", ".venv", "bench"} & set(path.relative_to(root).parts)
        and "in both legs" in path.read_text()
    )


def test_no_python_module_spells_out_the_emergency_signs_but_uses_the_phrase():
    assert spelled_in_python(PROJECT_DIR) == []


def test_the_python_sweep_sees_a_planted_copy_of_the_signs(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "words.py").write_text('WARNING = "weakness or numbness in both legs"')

    assert spelled_in_python(tmp_path) == ["app/words.py"]


def test_the_exercise_calendar_names_the_signs_from_the_phrase():
    from exercises.sheet import CALENDAR_WARNING

    assert WORSENING_WEAKNESS in str(CALENDAR_WARNING)


def test_an_urgent_results_safety_net_names_the_signs_from_the_phrase():
    from triage.engine import scoring
    from triage.live.results import SAFETY_NET

    assert WORSENING_WEAKNESS in str(SAFETY_NET[scoring.URGENT])


def test_no_template_but_the_snippet_spells_out_the_emergency_signs():
    spelled = [
        path.relative_to(PROJECT_DIR / "templates").as_posix()
        for path in (PROJECT_DIR / "templates").rglob("*.html")
        if "numbness in both legs" in path.read_text() and path != SNIPPET
    ]

    assert sorted(set(spelled) - STANDALONE) == []


def test_the_pages_shown_without_the_database_list_a_serious_accident_too():
    pages = [PROJECT_DIR / "templates" / "503.html", PROJECT_DIR / "static" / "errors" / "50x.html"]

    assert [page.name for page in pages if "a serious accident" not in page.read_text()] == []


def sentences_sending_to_999_about_the_bladder(text):
    return [
        sentence
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text)
        if "999" in sentence and "bladder" in sentence.lower()
    ]


def leaves_out_worsening_weakness(sentence):
    lower = sentence.lower()
    return "weak" not in lower or not any(
        words in lower for words in ("getting worse", "in your legs", "one or both legs")
    )


def content_sentences_without_worsening_weakness(rows):
    return [
        (row["model"], row["fields"].get("slug", row.get("pk")), name, sentence)
        for row in rows
        for name, value in row["fields"].items()
        if isinstance(value, str)
        for sentence in sentences_sending_to_999_about_the_bladder(value)
        if leaves_out_worsening_weakness(sentence)
    ]


def test_every_content_sentence_listing_emergency_signs_names_leg_weakness_that_gets_worse():
    """A guide's "check for warning signs first" once listed three of the five signs: a runner
    with one leg growing weaker read that it was not a 999 sign."""
    rows = [
        row
        for path in sorted((PROJECT_DIR / "fixtures").glob("*.json"))
        for row in json.loads(path.read_text())
    ]

    assert content_sentences_without_worsening_weakness(rows) == []


def test_the_content_sweep_sees_a_list_without_worsening_weakness():
    planted = {
        "model": "conditions.guide",
        "fields": {"slug": "planted", "body": "If you have bladder problems, call 999 now."},
    }

    assert len(content_sentences_without_worsening_weakness([planted])) == 1
