"""The development-only command that makes up kept results to look at the insights page, run
on the small questionnaire the factories build (``small_questionnaire``)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from triage.models import QuestionReach, Submission

pytestmark = pytest.mark.django_db


def test_seed_insights_refuses_to_make_up_results_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_insights", stdout=StringIO())
    assert not Submission.objects.exists()


def test_seed_insights_stores_consented_results_and_their_question_counts(settings, small):
    settings.DEBUG = True

    call_command("seed_insights", "--runs", "20", stdout=StringIO())

    kept = Submission.objects.all()
    assert kept.exists()
    assert all(submission.consent_to_keep for submission in kept)
    first = QuestionReach.objects.filter(
        questionnaire=small.questionnaire, question_code="sudden-weakness"
    )
    assert sum(first.values_list("count", flat=True)) >= kept.count()
