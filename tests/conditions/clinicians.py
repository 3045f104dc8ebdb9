"""Staff accounts with and without a clinical role, and admin form data for content items."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms.models import model_to_dict
from django.urls import reverse

from editorial.roles import EDITOR, REVIEWER

PASSWORD = "a-long-test-password-for-clinicians"


def make_staff(username, role=None, **fields):
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=True, **fields
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_editor(username="editor", **fields):
    return make_staff(username, EDITOR, **fields)


def make_reviewer(username="reviewer", **fields):
    return make_staff(username, REVIEWER, **fields)


def admin_url(obj, view="change", *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def form_data(obj, **changes):
    """POST data for the admin form of an item without inlines, with the given changes."""
    data = {}
    for name, value in {**model_to_dict(obj), **changes}.items():
        if value is None or name in ("id", "image"):
            continue
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = value
    return data
