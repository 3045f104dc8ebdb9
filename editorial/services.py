"""The editorial actions: open a working draft, submit it, publish it, send it back, unpublish,
mark reviewed, restore a revision. Each is one transaction and the only way an item's
publication or sign-off changes.
"""

import reversion
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from editorial import registry
from editorial.models import ReviewRequest, Status
from editorial.review import next_review_after, reviewer_label
from editorial.roles import role_of

# Fields that belong to the row, not to the content, so they are never copied between twins.
ROW_FIELDS = {
    "id",
    "draft_of",
    "status",
    "created",
    "updated",
    "edit_version",
    "review_request",
    "review_note",
    "review_comment",
    "submitted_by",
    "last_reviewed",
    "next_review_due",
    "reviewed_by",
}


class EditorialRefused(Exception):
    """The action is not allowed; the message says why in words a clinician understands."""


def may_publish(user, model):
    """The one answer to "may this person change what runners see?" for a model."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('publish', opts)}")


def four_eyes():
    return getattr(settings, "EDITORIAL_FOUR_EYES", True)


def content_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in ROW_FIELDS]


def copy_content(source, target):
    """Copy fields, many-to-many links and parts of ``source`` onto ``target`` (saved)."""
    for f in content_fields(type(source)):
        setattr(target, f.attname, getattr(source, f.attname))
    target.save()
    entry = registry.entry(type(source))
    for f in entry.m2m_fields:
        getattr(target, f.name).set(getattr(source, f.name).all())
    for part in entry.parts:
        getattr(target, part.accessor).all().delete()
        rows = list(getattr(source, part.accessor).all())
        for row in rows:
            row.pk = None
            row._state.adding = True
            setattr(row, part.fk, target)
        part.model.objects.bulk_create(rows)
    return target


def save_revision(item, *, user, comment):
    with reversion.create_revision(manage_manually=True):
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(item)


@transaction.atomic
def open_working_draft(item, *, by):
    """The item's working draft: a live item gets one copied from it (with its parts) if it
    has none; a draft is its own working draft."""
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.draft_of_id or not item.is_published:
        return item
    existing = item.drafts.first()
    if existing is not None:
        return existing
    draft = type(item)(draft_of=item, status=Status.DRAFT)
    for name in ("last_reviewed", "next_review_due", "reviewed_by"):
        if hasattr(item, name):
            setattr(draft, name, getattr(item, name))
    copy_content(item, draft)
    save_revision(draft, user=by, comment=_("Working draft opened from the live page"))
    return draft


def editors_of(item):
    """The people who saved changes to this draft (from its revisions)."""
    from reversion.models import Version

    return set(
        Version.objects.get_for_object(item)
        .exclude(revision__user__isnull=True)
        .values_list("revision__user_id", flat=True)
    )


def check_may_publish(item, *, by):
    if not may_publish(by, type(item)):
        raise EditorialRefused(_("Only a clinical reviewer can publish."))
    if four_eyes() and by.pk in editors_of(item):
        raise EditorialRefused(
            _(
                "You changed this draft, so another clinical reviewer must publish it "
                "(two-person review is on)."
            )
        )


def sign_off(item, *, by, day=None):
    if not hasattr(item, "reviewed_by"):
        return  # reference rows (sources, symptoms, treatments) have no review cycle
    day = day or timezone.localdate()
    item.last_reviewed = day
    item.next_review_due = next_review_after(day)
    item.reviewed_by = reviewer_label(by, role_of(by))


@transaction.atomic
def submit_for_review(draft, *, by, note=""):
    if draft.is_published:
        raise EditorialRefused(_("This item is live: open its working draft to change it."))
    draft.review_request = ReviewRequest.SUBMITTED
    draft.review_note = note.strip()
    draft.submitted_by = by
    draft.save(update_fields=["review_request", "review_note", "submitted_by", "updated"])
    comment = _("Submitted for review by %(who)s: %(note)s") % {
        "who": reviewer_label(by),
        "note": note.strip() or "-",
    }
    if reversion.is_active():
        # Submitted with a save: one revision, by the person who saved, with both notes.
        saved = reversion.get_comment()
        reversion.set_comment(f"{saved} · {comment}" if saved else comment)
        return
    # Kept without a user: submitting is not a change to the content (see editors_of).
    save_revision(draft, user=None, comment=comment)


@transaction.atomic
def send_back(draft, *, by, comment):
    if not may_publish(by, type(draft)):
        raise EditorialRefused(_("Only a clinical reviewer can send a draft back."))
    if not comment.strip():
        raise EditorialRefused(_("Say what needs changing, so the editor knows what to do."))
    draft.review_request = ReviewRequest.RETURNED
    draft.review_comment = comment.strip()
    draft.save(update_fields=["review_request", "review_comment", "updated"])
    save_revision(
        draft,
        user=None,
        comment=_("Sent back by %(who)s: %(comment)s")
        % {"who": reviewer_label(by), "comment": comment.strip()},
    )


@transaction.atomic
def publish(draft, *, by, note=""):
    """Make the draft what runners see. A working draft is copied onto its live row (which
    keeps its URL and primary key) and then removed; a new item simply goes live."""
    draft = type(draft).objects.select_for_update().get(pk=draft.pk)
    if draft.is_published:
        raise EditorialRefused(_("This item is already live."))
    check_may_publish(draft, by=by)
    if draft.draft_of_id:
        live = type(draft).objects.select_for_update().get(pk=draft.draft_of_id)
        copy_content(draft, live)
        draft.delete()
    else:
        live = draft
        live.draft_of = None
    publish_new_references(live)
    live.status = Status.PUBLISHED
    live.review_request = ReviewRequest.EDITING
    live.review_note = live.review_comment = ""
    live.submitted_by = None
    sign_off(live, by=by)
    live.save()
    save_revision(live, user=by, comment=_("Published") + (f": {note}" if note else ""))
    return live


def is_reference(model):
    """Rows shared by several items (sources, symptoms, treatments): no review cycle."""
    return registry.is_registered(model) and not hasattr(model, "next_review_due")


def publish_new_references(item):
    """New sources, symptoms and treatments that the item links to go live with it: the
    reviewer saw them in its preview. Live ones change only through their own drafts."""
    entry = registry.entry(type(item))
    targets = []
    for f in entry.m2m_fields:
        if is_reference(f.related_model):
            targets.append((f.related_model, [row.pk for row in getattr(item, f.name).all()]))
    for part in entry.parts:
        rows = list(getattr(item, part.accessor).all())
        for f in part.model._meta.concrete_fields:
            if f.is_relation and is_reference(f.related_model):
                targets.append((f.related_model, [getattr(row, f.attname) for row in rows]))
    for model, pks in targets:
        model.objects.filter(pk__in=pks, status=Status.DRAFT, draft_of__isnull=True).update(
            status=Status.PUBLISHED
        )


def where_used(item):
    """[(description, blocks_unpublish)] for everything that shows or relies on ``item``."""
    uses = []
    for finder in registry.entry(type(item)).usage_finders:
        uses.extend(finder(item))
    parts = registry.part_models()
    for relation in item._meta.related_objects:
        if relation.related_model is type(item) and relation.field.name == "draft_of":
            continue
        if relation.related_model in parts and parts[relation.related_model][0] is type(item):
            continue
        accessor = relation.get_accessor_name()
        if not accessor or not hasattr(item, accessor):
            continue
        related = getattr(item, accessor)
        if not hasattr(related, "all"):
            related = [related]
        else:
            related = related.all()[:50]
        for row in related:
            live_owner = owner_of(row)
            if live_owner is not None and live_owner.is_published:
                uses.append((f"{live_owner._meta.verbose_name}: {live_owner}", False))
    return list(dict.fromkeys(uses))  # an item reached by two relations is listed once


def owner_of(row):
    """The editorial item a row belongs to (itself, or the item it is a part of), or None."""
    if registry.is_registered(type(row)):
        return row
    found = registry.part_models().get(type(row))
    if found is None:
        return None
    return getattr(row, found[1].fk)


@transaction.atomic
def unpublish(item, *, by):
    if not may_publish(by, type(item)):
        raise EditorialRefused(
            _("Only a clinical reviewer can take published content off the site.")
        )
    blocking = [text for text, blocks in where_used(item) if blocks]
    if blocking:
        raise EditorialRefused(
            _(
                "“%(item)s” cannot be taken off the site while the live questionnaire relies on "
                "it: %(uses)s. Publish a questionnaire version without these rules first."
            )
            % {"item": item, "uses": "; ".join(blocking)}
        )
    item.status = Status.DRAFT
    item.save(update_fields=["status", "updated"])
    save_revision(item, user=by, comment=_("Taken off the site"))


@transaction.atomic
def mark_reviewed(item, *, by):
    if not may_publish(by, type(item)):
        raise EditorialRefused(_("Only a clinical reviewer can sign off a review."))
    sign_off(item, by=by)
    item.save(update_fields=["last_reviewed", "next_review_due", "reviewed_by", "updated"])
    save_revision(item, user=by, comment=_("Marked as reviewed"))


@transaction.atomic
def restore(version, *, by):
    """Put a revision's content (fields, links and parts) into the item's working draft.
    Nothing goes live: the draft is published in the usual way."""
    stored = version._object_version
    old = stored.object
    model = type(old)
    item = model.objects.filter(pk=old.draft_of_id or old.pk).first()
    if item is None:
        raise EditorialRefused(_("The item this revision belongs to no longer exists."))
    draft = open_working_draft(item, by=by)
    for f in content_fields(model):
        setattr(draft, f.attname, getattr(old, f.attname))
    draft.review_request = ReviewRequest.EDITING
    draft.edit_version += 1
    draft.save()
    entry = registry.entry(model)
    for f in entry.m2m_fields:
        existing = f.related_model._default_manager.filter(pk__in=stored.m2m_data.get(f.name, []))
        getattr(draft, f.name).set(existing)
    for part in entry.parts:
        getattr(draft, part.accessor).all().delete()
        part_type = ContentType.objects.get_for_model(part.model)
        for other in version.revision.version_set.filter(content_type=part_type):
            row = other._object_version.object
            if getattr(row, f"{part.fk}_id") != old.pk:
                continue
            row.pk = None
            row._state.adding = True
            setattr(row, part.fk, draft)
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                continue  # it points to something that has since been deleted
    when = timezone.localtime(version.revision.date_created)
    save_revision(
        draft, user=by, comment=_("Restored from the revision of %s") % f"{when:%d %b %Y %H:%M}"
    )
    return draft
