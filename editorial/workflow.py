"""The one publication workflow for everything runners see.

Content items, the shared rows they link to (sources, symptoms, treatments), their pictures and
the questionnaire's versions all change what runners see only here: open a draft, submit it,
withdraw it, send it back, publish it, take it off the site, mark it reviewed, restore a
revision. Each action is one transaction and the only way a row's publication or sign-off
changes. The rules are the same for every kind of thing:

- only a clinical reviewer publishes (``may_publish``), never what they wrote themselves
  (two-person review, ``EDITORIAL_FOUR_EYES``), counting everything that goes live with it;
- a reviewer publishes exactly what the review page showed: the page carries a pin of the
  draft and of every new shared row going live with it (``review_pin``), and publish refuses
  if any of it changed since;
- a draft submitted for review is locked until it is sent back, withdrawn or published;
- a shared row that a live page uses cannot be taken off the site or deleted;
- every save, submit, publish and restore is a revision (django-reversion).

How a draft becomes live is the only thing that differs, and each registered model names its
``strategy``: ``WorkingDraft`` (a twin row of a live item, copied onto it on publish, so the
live URL and primary key never change) or ``VersionedCopy`` (each draft is a whole new
version that replaces the live one, as the questionnaire's versions do).
"""

import hashlib
import json
from collections import defaultdict

import reversion
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.fields.related_descriptors import ReverseManyToOneDescriptor
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from editorial import models, registry
from editorial.models import ReviewRequest, Status
from editorial.review import next_review_after, reviewer_label
from editorial.roles import role_of


class EditorialRefused(Exception):
    """The action is not allowed; the message says why in words a clinician understands."""


# Strategies: how a draft becomes live --------------------------------------------------------


class WorkingDraft:
    """A live item is edited through its working draft, a twin row (``draft_of`` → live);
    publishing copies the draft (fields, links and parts) onto the live row and deletes it.
    ``refusals(draft)``, when given, says why a draft cannot go live (failing test cases)."""

    def __init__(self, *, refusals=None):
        self._refusals = refusals

    def live_of(self, draft):
        return draft.draft_of if draft.draft_of_id else None

    def open_draft(self, item, *, by):
        item = type(item).objects.select_for_update().get(pk=item.pk)
        if item.draft_of_id or not item.is_published:
            return item
        existing = self.working_draft(item)
        if existing is not None:
            return existing
        draft = type(item)(draft_of=item, status=Status.DRAFT)
        for name in ("last_reviewed", "next_review_due", "reviewed_by"):
            if hasattr(item, name):
                setattr(draft, name, getattr(item, name))
        copy_content(item, draft)
        save_revision(draft, user=by, comment=_("Working draft opened from the live page"))
        return draft

    def refusals(self, draft):
        return self._refusals(draft) if self._refusals else []

    def working_draft(self, item):
        return item.drafts.first()

    def make_live(self, draft, *, by):
        if not draft.draft_of_id:
            draft.draft_of = None
            return draft
        live = type(draft).objects.select_for_update().get(pk=draft.draft_of_id)
        copy_content(draft, live)
        draft.delete()
        return live

    def refuse_unpublish(self, item):
        return None

    def snapshot(self, obj):
        from editorial.snapshots import snapshot

        return snapshot(obj)

    def snapshot_of_version(self, version):
        from editorial.snapshots import snapshot_of_version

        return snapshot_of_version(version)


class VersionedCopy:
    """Each draft is a whole version (the questionnaire's); publishing one makes it the live
    version and takes the previous one off the site. The app supplies how to copy a version
    into a new draft, what must hold before it goes live, and what a reviewer sees of it."""

    def __init__(
        self, *, copy, working_draft, refusals, snapshot, snapshot_of_version, unpublish_refusal
    ):
        self.copy, self.working_draft, self._refusals = copy, working_draft, refusals
        self.snapshot, self.snapshot_of_version = snapshot, snapshot_of_version
        self.unpublish_refusal = unpublish_refusal

    def live_of(self, draft):
        return type(draft).objects.published().exclude(pk=draft.pk).first()

    def open_draft(self, item, *, by):
        if not is_live(item):
            return item
        item = type(item).objects.select_for_update().get(pk=item.pk)  # one draft, however
        existing = self.working_draft(item)  # many press "start" at once
        if existing is not None:
            return existing
        draft = self.copy(item)
        save_revision(
            draft,
            user=by,
            comment=_("New draft copied from %(item)s") % {"item": item},
        )
        return draft

    def refusals(self, draft):
        return self._refusals(draft)

    def make_live(self, draft, *, by):
        model = type(draft)
        reason = _("Replaced by version %(version)s") % {"version": draft.version}
        for old in model.objects.select_for_update().published().exclude(pk=draft.pk):
            old.status = Status.DRAFT
            record_taken_off(old, by=by, reason=reason)
            old.save()
            save_revision(old, user=by, comment=reason)
        return draft

    def refuse_unpublish(self, item):
        return self.unpublish_refusal


def strategy_of(obj):
    return registry.strategy(type(obj))


is_live = models.is_live  # published, and not the working draft of a live row


# Who may do what ------------------------------------------------------------------------------


def may_publish(user, model):
    """The one answer to "may this person change what runners see?" for a model."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('publish', opts)}")


def four_eyes():
    return getattr(settings, "EDITORIAL_FOUR_EYES", True)


def editors_of(item):
    """The people who saved changes to this draft (from its revisions)."""
    from reversion.models import Version

    return set(
        Version.objects.get_for_object(item)
        .exclude(revision__user__isnull=True)
        .values_list("revision__user_id", flat=True)
    )


def authors_of(draft):
    """Everyone who wrote any of what goes live with this draft: the draft itself and every
    new shared row published with it."""
    people = editors_of(draft)
    for row in going_live_with(draft):
        people |= editors_of(row)
    return people


def four_eyes_blocks(draft, user):
    return four_eyes() and user.pk in authors_of(draft)


def check_may_publish(draft, *, by):
    if not may_publish(by, type(draft)):
        raise EditorialRefused(_("Only a clinical reviewer can publish."))
    if four_eyes_blocks(draft, by):
        raise EditorialRefused(
            _(
                "You wrote part of what this would put live (the draft, or a new source, "
                "symptom or treatment it links to), so another clinical reviewer must publish "
                "it (two-person review is on)."
            )
        )


# What goes live with a draft, and what the reviewer saw ---------------------------------------


def linked_rows(obj):
    """[(model, [pk])] of the shared rows ``obj`` links to, by its links and its parts."""
    entry = registry.entry(type(obj))
    found = []
    for f in entry.m2m_fields:
        if registry.is_shared_row(f.related_model):
            found.append((f.related_model, [row.pk for row in getattr(obj, f.name).all()]))
    for part in entry.parts:
        rows = list(getattr(obj, part.accessor).all())
        for f in part.model._meta.concrete_fields:
            if f.is_relation and registry.is_shared_row(f.related_model):
                found.append((f.related_model, [getattr(row, f.attname) for row in rows]))
    return found


def going_live_with(draft):
    """New shared rows (drafts that are not the working draft of a live row) that the draft
    links to: they go live with it, so the reviewer sees and signs them off with it."""
    rows = []
    for model, pks in linked_rows(draft):
        rows.extend(
            model.objects.filter(pk__in=pks, status=Status.DRAFT, draft_of__isnull=True).order_by(
                "pk"
            )
        )
    return rows


def refusals(draft):
    """Why the draft cannot go live as it stands (failing clinician test cases, say)."""
    return strategy_of(draft).refusals(draft) + links_to_working_drafts(draft)


def links_to_working_drafts(draft):
    """Refusals for links to another row's working draft: it would never go live, so the page
    would show a row nobody published (the admin offers only live and new rows)."""
    return [
        _("It links “%(row)s”, the working draft of a live row: link the live row instead.")
        % {"row": row}
        for model, pks in linked_rows(draft)
        for row in model.objects.filter(pk__in=pks, draft_of__isnull=False)
    ]


def review_pin(draft):
    """A fingerprint of everything a reviewer signs off when publishing ``draft``: its content
    (fields, links, parts and pictures, as the review page shows them) and every new shared
    row that goes live with it. Any change by anyone, by any route, changes the pin."""
    draft = type(draft).objects.get(pk=draft.pk)  # as stored, not as a caller holds it
    shown = [strategy_of(draft).snapshot(draft)]
    shown += [
        [row._meta.label, row.pk, strategy_of(row).snapshot(row)] for row in going_live_with(draft)
    ]
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def changed_since(obj, edit_version):
    """Labels of what changed in ``obj`` since it was at edit counter ``edit_version`` (from
    its revisions), and who saved it since; [] when that state is not in the revisions."""
    from reversion.models import Version

    from editorial.diff import changed_labels

    strategy = strategy_of(obj)
    versions = list(Version.objects.get_for_object(obj).select_related("revision__user"))
    for version in versions:
        if version.field_dict.get("edit_version") == edit_version:
            labels = changed_labels(strategy.snapshot_of_version(version), strategy.snapshot(obj))
            since = [v for v in versions if v.revision.date_created > version.revision.date_created]
            who = {
                reviewer_label(v.revision.user, role_of(v.revision.user))
                for v in since
                if v.revision.user is not None
            }
            if who:
                labels.append(_("saved by %(people)s") % {"people": ", ".join(sorted(who))})
            return labels
    return []


# The actions ----------------------------------------------------------------------------------


def copy_content(source, target):
    """Copy fields, many-to-many links and parts of ``source`` onto ``target`` (saved)."""
    for f in registry.content_fields(type(source)):
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


def save_revision(item, *, user, comment, read=True):
    """Keep a revision of ``item`` as stored, with every row it follows. The item is read again
    with those rows (``revision_lookups``: a query per relation instead of one per row), unless
    the caller has just done so for many items at once (``read_for_revisions``, ``read=False``)."""
    if read:
        model = type(item)
        item = model._base_manager.prefetch_related(*revision_lookups(model)).get(pk=item.pk)
    with reversion.create_revision(manage_manually=True):
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(item)


def read_for_revisions(items):
    """Read what ``save_revision`` keeps of each item for all of them at once: the rows its
    revision follows, with the rows those link (a version's label names them, e.g. a
    condition's symptom), and the many-to-many links of each. Each revision would read them
    item by item and row by row (``load_content`` saves one per loaded item). The revisions
    are the same: a prefetch reads the same rows, in the order of each model's ``ordering``."""
    by_model = defaultdict(list)
    for item in items:
        by_model[type(item)].append(item)
    for model, rows in by_model.items():
        prefetch_related_objects(rows, *revision_lookups(model))


def revision_lookups(model, prefix=""):
    """Prefetch lookups for what a revision of a ``model`` row keeps: its many-to-many links
    (those a version stores), and the rows of each relation reversion follows from it
    (``registry.register``'s parts and ``follow``) with what they link, to any depth."""
    for f in model._meta.many_to_many:
        if f.remote_field.through._meta.auto_created:
            yield prefix + f.name
    for name in reversion.revisions._get_options(model).follow:  # as registered
        descriptor = getattr(model, name)
        if not (
            isinstance(descriptor, ReverseManyToOneDescriptor) and descriptor.field.many_to_one
        ):
            continue  # not the rows of a foreign key to ``model``: reversion reads it itself
        back = descriptor.field
        links = [f.name for f in back.model._meta.concrete_fields if f.many_to_one and f != back]
        rows = back.model._default_manager.select_related(*links)
        yield Prefetch(prefix + name, queryset=rows)
        if reversion.is_registered(back.model):
            yield from revision_lookups(back.model, f"{prefix}{name}__")


def working_draft_of(item):
    """The live item's one working draft, or None (and None for an item that is not live)."""
    return strategy_of(item).working_draft(item) if is_live(item) else None


@transaction.atomic  # the live row is locked while its one draft is found or made
def open_working_draft(item, *, by):
    """The draft to edit: a live item's one working draft (opened if it has none; for the
    questionnaire, a copy of the live version); a draft is its own."""
    return strategy_of(item).open_draft(item, by=by)


def locked(model, pk):
    """The row, locked until the transaction ends; refused if someone removed it meanwhile."""
    found = model.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise EditorialRefused(
            _(
                "This draft no longer exists: someone published or discarded it after you "
                "opened it. Nothing was changed."
            )
        )
    return found


@transaction.atomic
def submit_for_review(draft, *, by, note=""):
    if is_live(draft):
        raise EditorialRefused(_("This is live: open its working draft to change it."))
    note = note.strip()
    draft.review_request = ReviewRequest.SUBMITTED
    draft.review_note = note
    draft.submitted_by = by
    draft.save(update_fields=["review_request", "review_note", "submitted_by", "updated"])
    who = reviewer_label(by, role_of(by))
    if note:
        comment = _("Submitted for review by %(who)s: %(note)s") % {"who": who, "note": note}
    else:
        comment = _("Submitted for review by %(who)s.") % {"who": who}
    if reversion.is_active():
        # Submitted with a save: one revision, by the person who saved, with both notes.
        saved = reversion.get_comment()
        reversion.set_comment(f"{saved} · {comment}" if saved else comment)
        return
    # Kept without a user: submitting is not a change to the content (see editors_of).
    save_revision(draft, user=None, comment=comment)


@transaction.atomic
def withdraw(draft, *, by):
    """Take a submitted draft back to editing (its editor changed their mind, or spotted a
    mistake); it leaves the reviewers' queue."""
    draft = locked(type(draft), draft.pk)
    if not draft.is_submitted:
        raise EditorialRefused(_("This draft is not awaiting review."))
    draft.review_request = ReviewRequest.EDITING
    draft.save(update_fields=["review_request", "updated"])
    save_revision(
        draft,
        user=None,
        comment=_("Withdrawn from review by %(who)s") % {"who": reviewer_label(by, role_of(by))},
    )
    return draft


@transaction.atomic
def send_back(draft, *, by, comment):
    if not may_publish(by, type(draft)):
        raise EditorialRefused(_("Only a clinical reviewer can send a draft back."))
    if not comment.strip():
        raise EditorialRefused(_("Say what needs changing, so the editor knows what to do."))
    draft = locked(type(draft), draft.pk)
    if is_live(draft):
        raise EditorialRefused(_("This is already live: there is no draft to send back."))
    draft.review_request = ReviewRequest.RETURNED
    draft.review_comment = comment.strip()
    draft.save(update_fields=["review_request", "review_comment", "updated"])
    save_revision(
        draft,
        user=None,
        comment=_("Sent back by %(who)s: %(comment)s")
        % {"who": reviewer_label(by, role_of(by)), "comment": comment.strip()},
    )


def record_taken_off(row, *, by, reason):
    """Note on ``row`` (not saved) when, by whom and why it stopped being live."""
    row.taken_off_at = timezone.now()
    row.taken_off_by = reviewer_label(by, role_of(by))
    row.taken_off_reason = reason


def clear_taken_off(row):
    """Live again: what took it off the site is history (kept in its revisions)."""
    row.taken_off_at = None
    row.taken_off_by = row.taken_off_reason = ""


def sign_off(item, *, by, day=None):
    if not hasattr(item, "reviewed_by"):
        return  # shared rows (sources, symptoms, treatments) have no review cycle
    day = day or timezone.localdate()
    item.last_reviewed = day
    item.next_review_due = next_review_after(day)
    item.reviewed_by = reviewer_label(by, role_of(by))


@transaction.atomic
def publish(draft, *, by, reviewed, note=""):
    """Make the draft what runners see, exactly as the reviewer saw it on the review page
    (``reviewed`` is the ``review_pin`` that page showed), with the new shared rows it links.
    """
    strategy = strategy_of(draft)
    draft = locked(type(draft), draft.pk)
    if is_live(draft):
        raise EditorialRefused(_("This is already live: someone published it a moment ago."))
    check_may_publish(draft, by=by)
    if reviewed != review_pin(draft):
        raise EditorialRefused(
            _(
                "This draft, or a new source, symptom, treatment or picture that would go live "
                "with it, changed after you opened the review page, so nothing was published. "
                "Review it again: the page now shows the latest version."
            )
        )
    problems = refusals(draft)
    if problems:
        raise EditorialRefused(" ".join(problems))
    shared = going_live_with(draft)
    live = strategy.make_live(draft, by=by)
    for row in shared:
        row.status = Status.PUBLISHED
        row.review_request = ReviewRequest.EDITING
        clear_taken_off(row)
        row.save()
        save_revision(row, user=by, comment=_("Published with “%(item)s”") % {"item": live})
    live.status = Status.PUBLISHED
    live.review_request = ReviewRequest.EDITING
    live.review_note = live.review_comment = ""
    live.submitted_by = None
    clear_taken_off(live)
    sign_off(live, by=by)
    try:
        with transaction.atomic():
            live.save()
    except IntegrityError as error:  # another version went live at the same moment
        raise EditorialRefused(
            _("Someone else published at the same moment, so nothing was published. Try again.")
        ) from error
    save_revision(live, user=by, comment=_("Published") + (f": {note}" if note else ""))
    return live


# Where a row is used --------------------------------------------------------------------------


def links_to(model):
    """[(owner model, how to find the owners of rows linking a pk)] for every registered model
    and part that links to ``model``, by a many-to-many field or a foreign key."""
    finders = []
    for entry in registry.entries():
        for f in entry.model._meta.many_to_many:
            if f.related_model is model:
                finders.append((entry.model, f.name))
        for f in entry.model._meta.concrete_fields:
            if f.is_relation and f.related_model is model and f.name != "draft_of":
                finders.append((entry.model, f.name))
        for part in entry.parts:
            for f in part.model._meta.concrete_fields:
                if f.is_relation and f.related_model is model and f.name != part.fk:
                    finders.append(
                        (
                            entry.model,
                            f"{part.model._meta.get_field(part.fk).related_query_name()}__{f.name}",
                        )
                    )
    return finders


def owners_linking(item):
    """Every registered row (live or draft) that links to ``item`` or to its live row."""
    pk = getattr(item, "draft_of_id", None) or item.pk
    owners = []
    for owner_model, lookup in links_to(type(item)):
        owners.extend(owner_model.objects.filter(**{lookup: pk}).distinct()[:100])
    return [
        owner for owner in dict.fromkeys(owners) if owner.pk != pk or type(owner) is not type(item)
    ]


def where_used(item):
    """[(description, blocks)] for everything that shows or relies on ``item``: live pages
    that link it (they block taking a shared row off the site or deleting it), drafts that
    link it, and what an app reports (the live questionnaire's rules)."""
    uses = []
    for finder in registry.entry(type(item)).usage_finders:
        uses.extend(finder(item))
    shared = registry.is_shared_row(type(item))
    for owner in owners_linking(item):
        name = owner._meta.verbose_name
        if is_live(owner):
            uses.append((_("live %(kind)s: %(item)s") % {"kind": name, "item": owner}, shared))
        else:
            uses.append((_("draft %(kind)s: %(item)s") % {"kind": name, "item": owner}, False))
    return list(dict.fromkeys(uses))  # an item reached by two relations is listed once


def blocking_uses(item):
    return [text for text, blocks in where_used(item) if blocks]


def owner_of(row):
    """The editorial item a row belongs to (itself, or the item it is a part of), or None."""
    if registry.is_registered(type(row)):
        return row
    found = registry.part_models().get(type(row))
    if found is None:
        return None
    return getattr(row, found[1].fk)


def is_locked(obj):
    """A draft awaiting review, or a new shared row that goes live with one, is locked until
    it is sent back, withdrawn or published: the reviewer publishes what they were sent."""
    if obj.is_submitted:
        return True
    if not registry.is_shared_row(type(obj)):
        return False
    return any(owner.is_submitted for owner in owners_linking(obj) if not is_live(owner))


def check_may_delete(obj):
    """A live row is never deleted, nor a draft awaiting review, nor a row a live page or the
    live questionnaire uses (a working draft is discarded: its live row stays)."""
    if is_live(obj):
        raise EditorialRefused(
            _("“%(item)s” is live: a clinical reviewer takes it off the site first.")
            % {"item": obj}
        )
    if is_locked(obj):
        raise EditorialRefused(
            _("“%(item)s” is awaiting review: withdraw it from review first.") % {"item": obj}
        )
    if getattr(obj, "draft_of_id", None):
        return  # discarding a working draft leaves its live row, and every page, as they are
    blocking = blocking_uses(obj)
    if blocking:
        raise EditorialRefused(
            _("“%(item)s” cannot be deleted while live pages use it: %(uses)s.")
            % {"item": obj, "uses": "; ".join(blocking)}
        )


@transaction.atomic
def unpublish(item, *, by, reason):
    """Take a live row off the site, noting when, by whom and why (``reason``, required: the
    editors and other reviewers who find it later need to know what was wrong)."""
    if not may_publish(by, type(item)):
        raise EditorialRefused(
            _("Only a clinical reviewer can take published content off the site.")
        )
    reason = reason.strip()
    if not reason:
        raise EditorialRefused(
            _("Say why it comes off the site, so editors and other reviewers know what to fix.")
        )
    item = locked(type(item), item.pk)
    if not is_live(item):
        raise EditorialRefused(_("“%(item)s” is not on the site.") % {"item": item})
    refusal = strategy_of(item).refuse_unpublish(item)
    if refusal:
        raise EditorialRefused(str(refusal))
    blocking = blocking_uses(item)
    if blocking:
        raise EditorialRefused(
            _(
                "“%(item)s” cannot be taken off the site while live pages or the live "
                "questionnaire use it: %(uses)s. Change those first: publish the pages without "
                "it, or a questionnaire version without those rules."
            )
            % {"item": item, "uses": "; ".join(blocking)}
        )
    item.status = Status.DRAFT
    record_taken_off(item, by=by, reason=reason)
    item.save(
        update_fields=["status", "taken_off_at", "taken_off_by", "taken_off_reason", "updated"]
    )
    save_revision(item, user=by, comment=_("Taken off the site: %(reason)s") % {"reason": reason})
    return item


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
    Nothing goes live: the draft is published in the usual way. Returns (draft, [what could
    not be restored because it points to something since deleted])."""
    stored = version._object_version
    old = stored.object
    model = type(old)
    item = model.objects.filter(pk=old.draft_of_id or old.pk).first()
    if item is None:
        raise EditorialRefused(_("The item this revision belongs to no longer exists."))
    draft = open_working_draft(item, by=by)
    if is_locked(draft):
        raise EditorialRefused(
            _(
                "The draft is awaiting review (or goes live with a draft that is), so it is "
                "locked: withdraw it from review before restoring."
            )
        )
    for f in registry.content_fields(model):
        setattr(draft, f.attname, getattr(old, f.attname))
    draft.review_request = ReviewRequest.EDITING
    draft.edit_version += 1
    draft.save()
    entry = registry.entry(model)
    missing = []
    for f in entry.m2m_fields:
        wanted = stored.m2m_data.get(f.name, [])
        existing = list(f.related_model._default_manager.filter(pk__in=wanted))
        getattr(draft, f.name).set(existing)
        missing += [
            f"{f.verbose_name} #{pk}"
            for pk in set(map(str, wanted)) - {str(r.pk) for r in existing}
        ]
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
                missing.append(f"{part.model._meta.verbose_name}: {row}")
    when = timezone.localtime(version.revision.date_created)
    comment = _("Restored from the revision of %s") % f"{when:%d %b %Y %H:%M}"
    if missing:
        comment += " " + ngettext(
            "(%(count)d link left out: what it pointed to was deleted)",
            "(%(count)d links left out: what they pointed to was deleted)",
            len(missing),
        ) % {"count": len(missing)}
    save_revision(draft, user=by, comment=comment)
    return draft, missing
