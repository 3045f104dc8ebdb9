from django.core.management.base import BaseCommand

from triage.models import Submission, retention_days


class Command(BaseCommand):
    help = (
        "Delete questionnaire results past their retention period. Results whose authors agreed "
        "to clinician review are kept for TRIAGE_RETENTION_DAYS (default 30); all others only "
        "for TRIAGE_UNCONSENTED_RETENTION_DAYS (default 1), long enough to reopen, print or "
        "share the result. Run it daily, e.g. from cron. --dry-run counts without deleting."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        expired = Submission.objects.expired()
        if dry_run:
            self.stdout.write(f"{expired.count()} submissions would be deleted.")
            return
        deleted, _ = expired.delete()
        self.stdout.write(
            f"Deleted {deleted} submissions (kept {retention_days(consent=True)} days with "
            f"consent, {retention_days(consent=False)} without)."
        )
