"""purge_submissions also deletes expired sessions (questionnaires in progress) and old login
records (IP addresses and browsers of admin sign-ins)."""

import datetime
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def purge(*args):
    output = StringIO()
    call_command("purge_submissions", *args, stdout=output)
    return output.getvalue()


def session(*, expires_in):
    store = SessionStore()
    store["triage"] = {"answers": {"age": 40}, "token": "a-result-token"}
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + expires_in
    )
    return store.session_key


def login_record(model, *, days_old, **fields):
    record = model.objects.create(
        user_agent="Browser/1.0", ip_address="198.51.100.7", username="reviewer",
        http_accept="text/html", path_info="/admin/login/", **fields,
    )  # fmt: skip
    model.objects.filter(pk=record.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(days=days_old)
    )
    return record


def test_purge_deletes_expired_sessions_and_keeps_live_ones():
    expired = session(expires_in=-datetime.timedelta(minutes=1))
    live = session(expires_in=datetime.timedelta(hours=1))

    purge()

    assert not Session.objects.filter(session_key=expired).exists()
    assert Session.objects.filter(session_key=live).exists()


def test_purge_deletes_login_records_older_than_the_retention(settings):
    settings.LOGIN_RECORD_RETENTION_DAYS = 30
    old_attempt = login_record(AccessAttempt, days_old=31, get_data="", post_data="",
                               failures_since_start=1)  # fmt: skip
    old_log = login_record(AccessLog, days_old=31)
    recent_log = login_record(AccessLog, days_old=2)

    purge()

    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()
    assert AccessLog.objects.filter(pk=recent_log.pk).exists()


def test_purge_dry_run_counts_sessions_and_login_records_without_deleting():
    session(expires_in=-datetime.timedelta(minutes=1))
    login_record(AccessLog, days_old=400)

    report = purge("--dry-run")

    assert "1 expired sessions" in report
    assert "1 login records" in report
    assert Session.objects.count() == 1
    assert AccessLog.objects.count() == 1
