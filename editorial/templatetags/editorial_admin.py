"""The clinician home page panels: drafts awaiting review, your drafts, what was taken off the
site, reviews due. Each entry is named with its kind ("Search synonym: Bottom and glutes")."""

from django import template
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from reversion.models import Version

from editorial import registry, review, workflow
from editorial.models import ReviewRequest, Status

register = template.Library()


def editorial_admins(request, site=admin.site):
    """The registered editorial models the user may see, in the admin's order."""
    return [
        (entry.model, site.get_model_admin(entry.model))
        for entry in registry.entries()
        if site.is_registered(entry.model)
        and site.get_model_admin(entry.model).has_view_or_change_permission(request)
    ]


def change_url(model, obj, site=admin.site):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def review_url(model, obj):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[obj.pk])


def edited_by(user, model):
    """Primary keys of the rows of ``model`` whose revisions this user saved."""
    kind = ContentType.objects.get_for_model(model)
    ids = Version.objects.filter(content_type=kind, revision__user=user).values_list(
        "object_id", flat=True
    )
    return {int(pk) for pk in ids}


OFF_SITE_SHOWN = 20  # the most recent; the rest are found in each kind's list


def replaced_not_removed(model):
    """A questionnaire version is never taken off the site, only replaced by the next one
    published: its old versions are history, not drafts to work on or removals to look into."""
    return isinstance(registry.strategy(model), workflow.VersionedCopy)


@register.simple_tag(takes_context=True)
def review_dashboard(context):
    request = context["request"]
    user = request.user
    today = timezone.localdate()
    admins = editorial_admins(request)
    due_groups, awaiting, mine, off_site = [], [], [], []
    for model, model_admin in admins:
        drafts = model.objects.filter(status=Status.DRAFT).select_related("submitted_by")
        mine_pks = edited_by(user, model)
        reviewer = model_admin.has_publish_permission(request)
        if reviewer:
            submitted = drafts.filter(review_request=ReviewRequest.SUBMITTED)
            if workflow.four_eyes():
                submitted = submitted.exclude(pk__in=mine_pks)  # theirs to publish, not yours
            for obj in submitted:
                awaiting.append({"object": obj, "model": model, "url": review_url(model, obj)})
        own = drafts.filter(pk__in=mine_pks)
        if replaced_not_removed(model):
            own = own.filter(taken_off_at__isnull=True)  # read-only now (versions.is_editable)
        for obj in own:
            mine.append({"object": obj, "model": model, "url": change_url(model, obj)})
        if reviewer and not replaced_not_removed(model):
            off_site += [
                {
                    "object": obj,
                    "kind": capfirst(model._meta.verbose_name),
                    "url": change_url(model, obj),
                }
                for obj in model.objects.items()
                .off_the_site()
                .order_by("-taken_off_at")[:OFF_SITE_SHOWN]
            ]
        if not hasattr(model, "next_review_due"):
            continue
        due = review.due_for_review(model.objects.published(), today=today)
        items = [
            {
                "object": obj,
                "url": change_url(model, obj),
                "due": obj.next_review_due,
                "state": (state := review.review_state(obj.next_review_due, today=today)),
                "state_label": review.STATE_LABELS[state],
                "overdue": state == review.OVERDUE,
            }
            for obj in due
        ]
        if items:
            due_groups.append({"label": model._meta.verbose_name_plural, "items": items})
    off_site.sort(key=lambda entry: entry["object"].taken_off_at, reverse=True)
    return {
        "shown": bool(admins),
        "groups": due_groups,
        "awaiting": awaiting,
        "mine": mine,
        "off_site": off_site[:OFF_SITE_SHOWN],
        "reviewer": any(a.has_publish_permission(request) for _m, a in admins),
    }
