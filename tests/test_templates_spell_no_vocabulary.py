"""No template spells out a value of one of our vocabularies (``{% if x == "urgent" %}``): it
compares with the vocabulary itself (``scoring.URGENT``, ``Urgency.EMERGENCY``) or asks the
object (``decision.stops``), so a renamed value cannot leave a page silently wrong."""

import re

from conditions import vocabulary
from core.calls import EMERGENCY_CALL, URGENT_CALL
from running import progression
from tests.helpers import PROJECT_DIR
from triage.engine import scoring
from triage.models import Question

VOCABULARY_VALUES = {
    *vocabulary.URGENCIES,
    *vocabulary.PHASES,
    scoring.ACUTE,
    scoring.RECOVERING,
    scoring.STOP,
    scoring.MODIFY,
    scoring.CONTINUE,
    scoring.SINGLE,
    scoring.MULTIPLE,
    scoring.YES_NO,
    scoring.NUMBER,
    scoring.STRONG,
    scoring.POSSIBLE,
    *progression.ACTIONS,
    progression.FLARE_STEP_BACK,
    progression.FLARE_STOP,
    *Question.Picture.values,
    EMERGENCY_CALL,
    URGENT_CALL,
}
# Vocabularies that are Django's own, not ours.
DJANGOS = {"field.widget_type", "message.level_tag", "request.resolver_match.url_name"}
COMPARISON = re.compile(r"([\w.]+)\s*(?:==|!=)\s*([\"'])([^\"']*)\2")


def spelled_values(text):
    """(variable, value) of each comparison in a template's tags with one of our values."""
    found = []
    for tag in re.findall(r"{%.*?%}", text, flags=re.DOTALL):
        for variable, _, value in COMPARISON.findall(tag):
            if value in VOCABULARY_VALUES and variable not in DJANGOS:
                found.append((variable, value))
    return found


def test_no_template_spells_out_a_vocabulary_value():
    spelled = {
        path.relative_to(PROJECT_DIR).as_posix(): spelled_values(path.read_text())
        for path in (PROJECT_DIR / "templates").rglob("*.html")
    }

    assert {path: found for path, found in spelled.items() if found} == {}


def test_the_sweep_sees_a_spelled_value_and_lets_the_vocabulary_through():
    planted = (
        '{% if result.disposition == "urgent" %}x{% endif %}'
        "{% elif decision.action != 'stop' %}"
        '{% if result.disposition == scoring.URGENT %}{% if field.widget_type == "number" %}'
    )

    assert spelled_values(planted) == [
        ("result.disposition", "urgent"),
        ("decision.action", "stop"),
    ]
