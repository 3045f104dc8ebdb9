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


def publish_as(reviewer, draft, **kwargs):
    """Publish ``draft`` as the reviewer who has just looked at its review page."""
    from editorial import workflow

    return workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft), **kwargs)


def publish_from_review_page(client, draft, **data):
    """Open the draft's review page and press Publish on it, as a reviewer does."""
    import re

    url = admin_url(draft, "review")
    page = client.get(url).content.decode()
    pin = re.search(r'name="reviewed" value="([0-9a-f]+)"', page)
    data = {"_publish": "1", "reviewed": pin.group(1) if pin else "", **data}
    return client.post(url, data, follow=True)
