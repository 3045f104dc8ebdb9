from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "clinician"
PASSWORD = "runners-back-dev"
# What its reviews are signed with (never the login name); a name set since is kept.
FIRST_NAME, LAST_NAME = "Dev", "Clinician"


class Command(BaseCommand):
    help = "Development only: make sure a local clinician login exists and print it."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_clinician only runs with DEBUG on (development).")
        user, created = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = True
        user.is_superuser = True
        if not user.get_full_name().strip():
            user.first_name, user.last_name = FIRST_NAME, LAST_NAME
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            f"{'Created' if created else 'Reset'} the local clinician login for "
            f"http://127.0.0.1:8000/{settings.ADMIN_URL} - "
            f"username: {USERNAME}  password: {PASSWORD}"
        )
