from datetime import timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from triage.insights.report import expired_reach
from triage.models import GONE_NOTICE_DAYS, DeletedResult, Submission, retention_days


class Command(BaseCommand):
    help = (
        "Delete questionnaire results older than TRIAGE_RETENTION_DAYS (default 30, never less "
        "than 28, as long as the result's advice asks people to use it). Consent decides only "
        "whether clinicians may review a result, not how long it is kept. The daily counts of "
        "how far people got (insights) are kept for the same days. Also deletes expired "
        "sessions, admin login records older than LOGIN_RECORD_RETENTION_DAYS (default 30) "
        "and the notices that let a deleted result's address answer 410 Gone, after a year. "
        "Run it daily, e.g. from cron. --dry-run counts without deleting."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        expired = Submission.objects.expired()
        sessions = Session.objects.filter(expire_date__lt=timezone.now())
        cutoff = timezone.now() - timedelta(days=settings.LOGIN_RECORD_RETENTION_DAYS)
        logins = [
            model.objects.filter(attempt_time__lt=cutoff)
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        ]
        if dry_run:
            reach = expired_reach().count()
            self.stdout.write(
                f"{expired.count()} submissions, {reach} daily question counts, "
                f"{sessions.count()} expired sessions and "
                f"{sum(records.count() for records in logins)} login records would be deleted."
            )
            return
        # A result's rows go with it (a runner's log, say): count the results themselves.
        _total, by_model = expired.delete()
        deleted = by_model.get(Submission._meta.label, 0)
        counts, _ = expired_reach().delete()
        notices, _ = DeletedResult.expired().delete()
        ended = sessions.count()
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        forgotten = sum(records.delete()[0] for records in logins)
        self.stdout.write(
            f"Deleted {deleted} submissions and {counts} daily question counts (both are kept "
            f"{retention_days()} days), "
            f"{ended} expired sessions, {forgotten} login records older than "
            f"{settings.LOGIN_RECORD_RETENTION_DAYS} days and {notices} notices of deleted "
            f"results older than {GONE_NOTICE_DAYS} days."
        )
