"""One running verdict per result: the care card and the running section say the same thing,
whatever the verdict; on the small questionnaire the factories build."""

import re

import pytest

from tests.factories import SubmissionFactory
from triage.engine import scoring
from triage.live.results import RUNNING_VERDICTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("disposition", [scoring.SELF_CARE, scoring.SOON])
@pytest.mark.parametrize("running", [scoring.STOP, scoring.MODIFY, scoring.CONTINUE])
def test_the_care_card_and_the_running_section_give_the_same_verdict(
    client, small, disposition, running
):
    submission = SubmissionFactory(questionnaire=small.questionnaire, answers=small.answers)
    submission.result = {**submission.result, "disposition": disposition, "running": running}
    submission.disposition = disposition
    submission.save()

    page = client.get(submission.get_absolute_url()).content.decode()

    card = page[page.index('<div class="care-card') :].split("</div>")[0]
    section = page.split(">Running</h2>")[1]
    verdict = str(RUNNING_VERDICTS[running])
    assert verdict in card and verdict in section
    others = [str(text) for key, text in RUNNING_VERDICTS.items() if key != running]
    assert not any(other in card + section.split("<h2")[0] for other in others)
    assert "sensible break" not in page
    assert re.search(r"Running:</strong>", card)
