"""Retention: every result is kept as long as its advice asks; consent only allows review."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.retention import ADVICE_DAYS, retention_days
from triage.models import (
    GONE_NOTICE_DAYS,
    DeletedResult,
    Questionnaire,
    Submission,
    token_digest,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def submission(*, days_old, consent):
    return Submission.objects.create(
        questionnaire=Questionnaire.objects.get(version=1),
        disposition="self_care",
        consent_to_keep=consent,
        created=timezone.now() - datetime.timedelta(days=days_old),
    )


def purge(*args):
    call_command("purge_submissions", *args, stdout=StringIO())


def test_purge_deletes_consented_results_past_the_retention_days(settings):
    settings.TRIAGE_RETENTION_DAYS = 30
    old, recent = submission(days_old=31, consent=True), submission(days_old=29, consent=True)

    purge()

    assert list(Submission.objects.all()) == [recent]
    assert not Submission.objects.filter(pk=old.pk).exists()


def test_results_without_consent_are_kept_as_long_as_those_with_consent(settings):
    settings.TRIAGE_RETENTION_DAYS = 30
    kept = submission(days_old=29, consent=False)
    submission(days_old=31, consent=False)

    purge()

    assert list(Submission.objects.all()) == [kept]


def test_a_result_is_kept_at_least_as_long_as_its_advice_asks(settings):
    settings.TRIAGE_RETENTION_DAYS = 1
    kept = submission(days_old=ADVICE_DAYS - 1, consent=False)

    purge()

    assert list(Submission.objects.all()) == [kept]


def test_purge_dry_run_deletes_nothing():
    submission(days_old=400, consent=True)

    purge("--dry-run")

    assert Submission.objects.count() == 1


def test_an_expired_result_is_not_shown_even_before_the_purge(client):
    old = submission(days_old=ADVICE_DAYS + 400, consent=False)

    response = client.get(old.get_absolute_url())

    assert response.status_code == 410  # gone: "has been deleted", not "not found"


@pytest.mark.parametrize("suffix", ["", "summary/", "fhir/"])
def test_a_purged_results_address_and_its_downloads_answer_410_gone(client, suffix):
    old = submission(days_old=ADVICE_DAYS + 400, consent=False)
    purge()

    response = client.get(old.get_absolute_url() + suffix)

    assert Submission.objects.count() == 0
    assert response.status_code == 410
    assert old.token not in str(list(DeletedResult.objects.values_list("pk", flat=True)))


def test_an_address_that_never_held_a_result_is_still_not_found(client):
    submission(days_old=ADVICE_DAYS + 400, consent=False)
    purge()

    assert client.get("/check/result/" + "x" * 32 + "/").status_code == 404


def test_notices_of_deleted_results_are_themselves_deleted_after_a_year():
    DeletedResult.note(["a-token", "another-token"])
    DeletedResult.objects.filter(token_digest=token_digest("a-token")).update(
        deleted=timezone.localdate() - datetime.timedelta(days=GONE_NOTICE_DAYS + 1)
    )

    purge()

    assert not DeletedResult.was_deleted("a-token")
    assert DeletedResult.was_deleted("another-token")


def test_the_privacy_notice_and_the_start_page_state_the_retention_period(client):
    from conditions.models import Guide

    notice = Guide.objects.get(slug="about-this-site").body
    start = client.get("/check/").content.decode()

    assert f"kept for {retention_days()} days" in notice
    assert f"your result is kept for {retention_days()} days" in start
