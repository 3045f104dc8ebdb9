"""Stop rules are read by runners who already feel something in the leg (sciatica): each one
that says symptoms "spread into your leg" or "appear" also says "further down" or "get worse",
or it gives them nothing to act on. Swept over every template and the exercise and programme
content."""

import json
import re

from tests.helpers import PROJECT_DIR

ASSUMES_NOTHING_IN_THE_LEG = re.compile(
    r"(?:spreads? (?:into|down) your leg|numbness appear)(?! or|,? or further)[^.]{0,20}"
)


def test_no_stop_rule_assumes_the_runner_has_nothing_in_the_leg_yet():
    texts = [path.read_text() for path in (PROJECT_DIR / "templates").rglob("*.html")] + [
        json.dumps(json.loads((PROJECT_DIR / "fixtures" / name).read_text()))
        for name in ("05_exercises.json", "10_programmes.json")
    ]
    assumed = [found for text in texts for found in ASSUMES_NOTHING_IN_THE_LEG.findall(text)]

    assert assumed == []


def test_the_sweep_sees_a_rule_that_assumes_nothing_in_the_leg():
    planted = "Stop if pain spreads down your leg. Stop if numbness appear, or if it hurts."

    assert len(ASSUMES_NOTHING_IN_THE_LEG.findall(planted)) == 2
