"""The review cycle: who signed a review, when content is next due for a clinician's check,
and what is due soon."""

import calendar
import datetime
import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from editorial.roles import ROLES, role_of

DEFAULT_REVIEW_PERIOD_MONTHS = 12
DUE_SOON_DAYS = 30

# The signature of staff with neither a full name nor a clinical role (a superuser, say).
UNNAMED_STAFF = _("Staff member")

OVERDUE = "overdue"
DUE_SOON = "due-soon"
UP_TO_DATE = "up-to-date"
STATE_LABELS = {
    OVERDUE: _("Overdue"),
    DUE_SOON: _("Due within 30 days"),
    UP_TO_DATE: _("Up to date"),
}


def review_period_months():
    return getattr(settings, "REVIEW_PERIOD_MONTHS", DEFAULT_REVIEW_PERIOD_MONTHS)


def months_after(day, months):
    """The same day of the month ``months`` later, or that month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_review_after(day):
    return months_after(day, review_period_months())


def review_state(next_review_due, *, today):
    """Overdue once the due date has passed; due soon within the next 30 days."""
    if next_review_due < today:
        return OVERDUE
    if next_review_due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return UP_TO_DATE


def filter_by_review_state(queryset, state, *, today):
    """The editorial items of ``queryset`` in the given review state."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    if state == OVERDUE:
        return queryset.filter(next_review_due__lt=today)
    if state == DUE_SOON:
        return queryset.filter(next_review_due__gte=today, next_review_due__lte=soon)
    if state == UP_TO_DATE:
        return queryset.filter(next_review_due__gt=soon)
    return queryset


def due_for_review(queryset, *, today):
    """Items overdue or due within 30 days, soonest first."""
    return queryset.review_due_by(today + datetime.timedelta(days=DUE_SOON_DAYS)).order_by(
        "next_review_due"
    )


def reviewer_label(user, role=None):
    """How a review is signed, as runners read it: the person's full name and role ("Priya Shah
    (clinical reviewer)"), or the role alone ("Clinical reviewer") when the account has no full
    name; never the login name. ``role`` defaults to the user's own (``roles.role_of``)."""
    role = role or role_of(user)
    name = user.get_full_name().strip()
    if name:
        return f"{name} ({role.lower()})" if role else name
    return role or str(UNNAMED_STAFF)


# Sign-offs stored by earlier releases, which fell back to the login name: "rev1 (clinical
# reviewer)", or "rev1" alone for staff without a role. Login names have no spaces.
LOGIN_SIGN_OFF = re.compile(r"(?P<login>\S+) \((?P<role>[^()]+)\)")
ROLE_NAMES = {role.lower(): role for role in ROLES.values()}


def relabelled(label, *, full_names):
    """``label`` as ``reviewer_label`` signs now when it names a login name: ``full_names`` maps
    each login name to the account's full name ("" for none). Other labels are kept."""
    signed = LOGIN_SIGN_OFF.fullmatch(label)
    if signed and signed["login"] in full_names and signed["role"] in ROLE_NAMES:
        name = full_names[signed["login"]]
        return f"{name} ({signed['role']})" if name else ROLE_NAMES[signed["role"]]
    if label in full_names:
        return full_names[label] or str(UNNAMED_STAFF)
    return label


def relabel_sign_offs(apps, schema_editor):
    """Data migration (``editorial`` 0001): every stored ``reviewed_by`` that names a login name
    is rewritten with the account's full name, or the role alone (``relabelled``)."""
    db = schema_editor.connection.alias
    User = apps.get_model(settings.AUTH_USER_MODEL)
    full_names = {
        user.username: f"{user.first_name} {user.last_name}".strip()
        for user in User._default_manager.using(db).only("username", "first_name", "last_name")
    }
    for model in apps.get_models():
        if "reviewed_by" not in {field.name for field in model._meta.concrete_fields}:
            continue
        rows = model._default_manager.using(db)
        for label in set(rows.values_list("reviewed_by", flat=True)):
            new = relabelled(label, full_names=full_names)
            if new != label:
                rows.filter(reviewed_by=label).update(reviewed_by=new)
