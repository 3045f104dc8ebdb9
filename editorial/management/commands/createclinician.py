import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.roles import ROLES, sync_role_permissions


class Command(BaseCommand):
    help = (
        "Create a staff account for a clinician with a role: an editor writes and changes "
        "content, a reviewer also publishes it and signs off reviews, with their full name "
        "(--first-name, --last-name: required for a reviewer). Without --password a strong "
        "password is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument(
            "--password", help="The password to set (it stays in your shell history)."
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--first-name", default="", help="Shown with the role when they sign off a review."
        )
        parser.add_argument("--last-name", default="")

    def handle(self, *args, username, role, password=None, **options):
        User = get_user_model()
        if User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        first_name, last_name = options["first_name"].strip(), options["last_name"].strip()
        if role == "reviewer" and not (first_name or last_name):
            raise CommandError(
                "A reviewer signs off what runners read with their full name and role, e.g. "
                "'Priya Shah (clinical reviewer)', never their login name: give "
                "--first-name and --last-name."
            )
        generated = password is None
        if generated:
            password = secrets.token_urlsafe(18)
        user = User(
            **{User.USERNAME_FIELD: username},
            email=options["email"],
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
        )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        with transaction.atomic():
            sync_role_permissions()
            user.save()
            user.groups.add(Group.objects.get(name=ROLES[role]))
        self.stdout.write(f"Created {username!r} as a {ROLES[role].lower()}.")
        if generated:
            self.stdout.write(f"Password: {password}")
