"""The admin every editorial model shares.

What is live is read-only to everyone: "Edit" opens the item's working draft, and the live page
changes only when a clinical reviewer publishes that draft (``editorial.workflow``). Each saved
draft is a whole-item revision (django-reversion, following the item's parts); the history page
compares any two revisions and restores one into the draft. A save refused because someone else
saved the item since it was opened shows what they changed.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.models import Version

from core.errors import MalformedInput
from editorial import diff, images, registry, review, uploads, workflow
from editorial.models import ReviewRequest, Source, Status

REVIEW_FIELDS = ("status", "reviewed_on", "review_due", "signed_by")
LIVE_READ_ONLY = _(
    "This is the live page. To change it, open its working draft; runners see the change "
    "only when a clinical reviewer publishes it."
)


class LoginForm(AdminAuthenticationForm):
    """The admin login form, answering 400 to a username longer than any account's.

    The browser's field stops at that length, so only a script sends more; refused here, it
    is never looked up or recorded as a failed attempt (django-axes keeps 255 characters).
    """

    def clean_username(self):
        username = self.cleaned_data["username"]
        if len(username) > self.username_field.max_length:
            raise MalformedInput("admin login username longer than any account's")
        return username


admin.site.login_form = LoginForm


class KeyedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete box, which looks the posted value up to show it again: a value
    that is no key at all (junk a script posted) is left out instead of failing the page
    with a 500; the form already says the choice is not valid."""

    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.get_related_field()
        return super().optgroups(name, [item for item in value if is_key(key, item)], attr)


def is_key(field, value):
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class KeyedAutocompleteMixin:
    """Autocomplete fields that re-show a refused form whatever was posted in them."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NoDeleteFromPickerMixin:
    """A picker of linked rows (a condition's symptoms, an exercise's condition) offers no
    delete button: rows leave the site through the workflow, and deleting a live row from
    there always ended on a 403 page."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget.can_delete_related = False
        return field


LONG_TEXT = 250  # characters: a field allowed this long (a sentence, not a name) gets a box


class LongTextMixin:
    """A sentence-long text field (a summary, a warning sign, a question) is edited in a box
    of a few lines, not a one-line input that hides most of it."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        long_line = type(db_field) is models.CharField and not db_field.choices  # not URLs, emails
        if long_line and (db_field.max_length or 0) >= LONG_TEXT and "widget" not in kwargs:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def normalise_bound_text(form):
    """Normalise the text a browser sent, so a line-ending change is not a change."""
    if not form.is_bound:
        return
    data = form.data.copy()
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.CharField) and key in data:
            data[key] = diff.normalise_text(data[key])
    form.data = data


class NormalisedTextForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        normalise_bound_text(self)


class EditorialForm(NormalisedTextForm):
    """Refuses a save when someone else saved the item after this form was opened."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.edit_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        model = type(self.instance)
        current = (
            model._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_version", flat=True)
            .first()
        )
        opened = cleaned.get("opened_version")
        if opened is not None and current is not None and opened != current:
            raise forms.ValidationError(self.conflict_message(opened), code="edit_conflict")
        return cleaned

    def conflict_message(self, opened):
        saved = type(self.instance)._default_manager.get(pk=self.instance.pk)
        return conflict_message(saved, opened)


def conflict_message(saved, opened):
    """Why a save from a page opened at edit counter ``opened`` was refused, naming what was
    changed since (and who changed it), for any kind of draft."""
    changed = workflow.changed_since(saved, opened)
    text = _(
        "This was saved after you opened it (by someone else, or by you in another tab), so "
        "your changes were not saved and nothing of that save was lost."
    )
    if changed:
        text += " " + _("They changed: %(fields)s.") % {"fields": ", ".join(changed)}
    return (
        text
        + " "
        + _(
            "Your text is still in the form below: copy it, reload the page and make your changes "
            "again."
        )
    )


NOTES = {"_change_note": _("Change note"), "_review_note": _("Note for the reviewer")}
NOT_TYPED = ("csrfmiddlewaretoken", "opened_version", "opened_at", "stamp")


def typed_text(request, model, inlines, obj):
    """[{label, value, changed}] of what the person typed, in words: each field by its label
    (an inline row's as "Steps 2 · Text"), whether it differs from ``obj`` as stored now
    (None where that is not known), without counters, management forms, ids, empty fields or
    the blank row templates."""
    by_prefix = {
        inline.get_formset(request, obj).get_default_prefix(): inline.model for inline in inlines
    }
    rows = []
    for name, values in request.POST.lists():
        text = "\n".join(value for value in values if value.strip())
        if not text or name in NOT_TYPED or "__prefix__" in name:
            continue
        if name in NOTES:
            rows.append({"label": NOTES[name], "value": text, "changed": True})
            continue
        if name.startswith("_") or name.endswith(("FORMS", "-id", "-DELETE")):
            continue
        prefix, _sep, rest = name.partition("-")
        if rest and prefix in by_prefix:
            index, _sep, field_name = rest.partition("-")
            row = by_prefix[prefix]
            field = field_or_none(row, field_name)
            if field is None or (field.is_relation and field.related_model is model):
                continue
            label = f"{capfirst(row._meta.verbose_name_plural)} {int(index) + 1} · "
            label += capfirst(field.verbose_name)
            rows.append({"label": label, "value": shown_value(field, values), "changed": None})
            continue
        field = field_or_none(model, name)
        if field is None:
            continue
        typed = "\n".join(sorted(values)) if field.many_to_many else diff.normalise_text(text)
        stored = stored_text(obj, field) if obj is not None else None
        rows.append(
            {
                "label": capfirst(field.verbose_name),
                "value": shown_value(field, values),
                "changed": None if stored is None else typed != stored,
            }
        )
    return rows


def shown_value(field, values):
    """What was typed, with picked rows by their names rather than their ids."""
    values = [value for value in values if value.strip()]
    if field.is_relation:
        found = field.related_model._default_manager.filter(
            pk__in=[v for v in values if v.isdigit()]
        )
        names = {str(row.pk): str(row) for row in found}
        return "\n".join(names.get(value, value) for value in values)
    return "\n".join(values)


def field_or_none(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def stored_text(obj, field):
    """The stored value of ``field`` as a form would send it, for comparison."""
    if field.many_to_many:
        return "\n".join(sorted(str(r.pk) for r in getattr(obj, field.name).all()))
    value = getattr(obj, field.attname, None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    return diff.normalise_text(str(value))


class KeepTypedTextMixin:
    """A save that can no longer be made (the draft was published, discarded or submitted for
    review after the page was opened) is refused with the reason and everything the person
    typed, never an error page that loses it."""

    def save_refusal(self, request, obj):
        """Why ``obj`` (None: it no longer exists) cannot be saved now, or None."""
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            refusal = self.save_refusal(request, obj)
            if refusal:
                return self.not_saved(request, refusal, obj)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def not_saved(self, request, refusal, obj):
        if obj is None and hasattr(self, "live_item_of_gone_draft"):
            obj = self.live_item_of_gone_draft(request.resolver_match.kwargs.get("object_id", ""))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Your changes were not saved"),
            "refusal": refusal,
            "object": obj,
            "typed": typed_text(request, self.model, self.get_inline_instances(request, obj), obj),
        }
        return TemplateResponse(request, "admin/editorial/not_saved.html", context, status=409)


class PartInline(NoDeleteFromPickerMixin, KeyedAutocompleteMixin, admin.TabularInline):
    """Child rows edited with their item; the live item's are read-only like the item."""

    form = NormalisedTextForm
    extra = 0

    @staticmethod
    def parent_is_live(obj):
        """Live, or locked for review: its parts are read-only like the item."""
        return obj is not None and (workflow.is_live(obj) or obj.is_submitted)

    def has_add_permission(self, request, obj=None):
        return not self.parent_is_live(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.parent_is_live(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.parent_is_live(obj) and super().has_delete_permission(request, obj)


class PictureForm(NormalisedTextForm):
    """A picture of an item: a new image file brings its list thumbnail with it."""

    def save(self, commit=True):
        if "image" in self.changed_data and self.cleaned_data.get("image"):
            self.instance.thumbnail = images.thumbnail_of(self.cleaned_data["image"])
        return super().save(commit)


class PictureInline(PartInline):
    """An item's pictures (``editorial.models.Picture``), edited and published with it."""

    form = PictureForm
    fields = ("image", "alt_text", "caption", "order")


def taken_off_text(obj, *, reason_chars=None):
    """When, by whom and why a row that was live stopped being live, in a clinician's words:
    "Off the site since 7 Dec 2026, taken off by Rita Reyes (clinical reviewer): wrong dose",
    or for a questionnaire version "Replaced by version 2 on 7 Dec 2026". A list shortens the
    reason to ``reason_chars``; the item's page shows it in full."""
    day = date_format(timezone.localtime(obj.taken_off_at), "j M Y")
    if getattr(obj, "is_replaced", False):
        return _("%(reason)s on %(day)s") % {"reason": obj.taken_off_reason, "day": day}
    reason = obj.taken_off_reason or _("no reason recorded")
    return _("Off the site since %(day)s, taken off by %(who)s: %(reason)s") % {
        "day": day,
        "who": obj.taken_off_by or review.UNNAMED_STAFF,
        "reason": Truncator(reason).chars(reason_chars) if reason_chars else reason,
    }


class UnpublishForm(forms.Form):
    """The reviewer's reason for taking a live row off the site (plain text, required)."""

    reason = forms.CharField(
        label=_("Why is it coming off the site?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_(
            "Plain text, kept with the item and its revision, so editors and other reviewers "
            "know what to fix, e.g. “wrong dose in step 2”."
        ),
        error_messages={
            "required": _(
                "Say why it comes off the site, so editors and other reviewers know what to fix."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        normalise_bound_text(self)


def has_working_drafts(model):
    return any(f.name == "draft_of" for f in model._meta.fields)


class ItemChangeList(ChangeList):
    """The list shows live and new items; a working draft is reached from its live item."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).filter(draft_of__isnull=True)


class ReviewStateFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return list(review.STATE_LABELS.items())

    def queryset(self, request, queryset):
        return review.filter_by_review_state(queryset, self.value(), today=timezone.localdate())


def pictures_of(draft, live):
    """[{url, alt, caption, new}] for every picture shown as part of the draft (file fields of
    its parts and its own), marking those the live page does not have."""

    def files(obj):
        if obj is None:
            return []
        entry = registry.entry(type(obj))
        rows = [obj] + [row for part in entry.parts for row in getattr(obj, part.accessor).all()]
        found = []
        for row in rows:
            for f in row._meta.concrete_fields:
                uploaded = isinstance(f, models.FileField) and f.editable  # not a thumbnail
                value = getattr(row, f.attname) if uploaded else None
                if value:
                    found.append((row, getattr(row, f.name)))
        return found

    live_names = {file.name for _row, file in files(live)}
    return [
        {
            "url": file.url,
            "alt": getattr(row, "alt_text", ""),
            "caption": getattr(row, "caption", ""),
            "new": file.name not in live_names,
        }
        for row, file in files(draft)
    ]


class EditorialAdmin(
    NoDeleteFromPickerMixin,
    LongTextMixin,
    KeyedAutocompleteMixin,
    KeepTypedTextMixin,
    admin.ModelAdmin,
):
    """Drafts, preview, review request, publish, history for one editorial model."""

    form = EditorialForm
    list_display = ("__str__", "state", "reviewed_on", "review_due", "signed_by")
    list_filter = ("status", ReviewStateFilter)
    filter_horizontal = ("sources",)
    actions = ("mark_reviewed",)
    has_review_cycle = True
    change_form_template = "admin/editorial/change_form.html"
    delete_confirmation_template = "admin/editorial/delete_confirmation.html"
    object_history_template = "admin/editorial/history.html"
    review_template = "admin/editorial/review.html"

    # Permissions ---------------------------------------------------------------------------

    def is_live(self, obj):
        return obj is not None and workflow.is_live(obj)

    def is_locked(self, obj):
        """Awaiting review (itself, or as a new shared row going live with a draft awaiting
        review): nobody edits it until it is sent back, withdrawn or published."""
        if obj is None or obj.pk is None or self.is_live(obj):
            return False
        if not hasattr(obj, "_editorial_locked"):
            obj._editorial_locked = workflow.is_locked(obj)
        return obj._editorial_locked

    def has_publish_permission(self, request):
        return workflow.may_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        if self.is_live(obj) or self.is_locked(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.is_live(obj) or self.is_locked(obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_refusal(self, request, obj):
        if obj is None:
            return _(
                "This draft no longer exists: a clinical reviewer published it, or someone "
                "discarded it, after you opened the page."
            )
        if self.is_live(obj):
            return _("This is live now, and live pages are read-only: open its working draft.")
        if self.is_locked(obj):
            return _(
                "This draft was submitted for review after you opened the page, so it is "
                "locked until a reviewer sends it back or it is withdrawn from review."
            )
        return None

    def may_edit(self, request):
        return super().has_change_permission(request)

    # Lists and forms -----------------------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        if has_working_drafts(self.model):
            return ItemChangeList
        return super().get_changelist(request, **kwargs)

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if not self.has_review_cycle:
            filters = [f for f in filters if f is not ReviewStateFilter]
        return filters

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.prefetch_related("drafts") if has_working_drafts(self.model) else queryset

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.is_published:
            draft = next(iter(obj.drafts.all()), None)
            if draft is None:
                return _("Live")
            return format_html(
                "{} · <a href='{}'>{}</a>",
                _("Live"),
                self.change_url(draft),
                draft.get_review_request_display(),
            )
        if obj.is_off_the_site:
            return format_html(
                "{} · {}", taken_off_text(obj, reason_chars=80), obj.get_review_request_display()
            )
        return format_html("{} · {}", _("Draft"), obj.get_review_request_display())

    @staticmethod
    def signed(obj):
        """Whether a reviewer signed this very row: a new item, a new questionnaire version
        and a working draft (which carries its live row's dates and name) are not, and
        their dates would read as a review nobody gave."""
        return bool(obj.reviewed_by) and not getattr(obj, "is_working_draft", False)

    @admin.display(description=_("last reviewed"), ordering="last_reviewed")
    def reviewed_on(self, obj):
        if not self.signed(obj):
            return _("Not reviewed yet")
        return date_format(obj.last_reviewed, "j M Y")

    @admin.display(description=_("reviewed by"), ordering="reviewed_by")
    def signed_by(self, obj):
        return obj.reviewed_by if self.signed(obj) else "–"

    @admin.display(description=_("next review due"), ordering="next_review_due")
    def review_due(self, obj):
        if not self.signed(obj):
            return _("Set when a reviewer publishes it")
        state = review.review_state(obj.next_review_due, today=timezone.localdate())
        due = date_format(obj.next_review_due, "j M Y")
        if state == review.UP_TO_DATE:
            return due
        return format_html("{} <strong>({})</strong>", due, review.STATE_LABELS[state])

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        names = REVIEW_FIELDS if self.has_review_cycle else ("status",)
        return [*fields, *(name for name in names if name not in fields)]

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return self.fieldsets
        fields = [name for name in self.get_fields(request, obj) if name != "opened_version"]
        fixed = REVIEW_FIELDS if self.has_review_cycle else ("status",)
        content = [name for name in fields if name not in (*fixed, "sources")]
        publication = [name for name in (*fixed, "sources") if name in fields]
        return [
            (None, {"fields": [*content, "opened_version"]}),
            (
                _("Publication and review"),
                {
                    "fields": publication,
                    "description": _(
                        "Set by the publish and review actions of a clinical reviewer."
                    ),
                },
            ),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "opened_version" not in form.base_fields:
            form.base_fields["opened_version"] = EditorialForm.base_fields["opened_version"]
        return form

    def save_model(self, request, obj, form, change):
        if change:
            obj.edit_version += 1
        super().save_model(request, obj, form, change)

    def change_url(self, obj):
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )

    # Saving: revisions, preview, submit ---------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if "_preview" in request.POST:
            # Files the preview uploaded belong to rows it rolls back: deleted once it has.
            with (
                uploads.discarding_unreferenced_uploads(),
                transaction.atomic(using=router.db_for_write(self.model)),
            ):
                response = super().changeform_view(request, object_id, form_url, extra_context)
                transaction.set_rollback(True)
            return response
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(request.POST.get("_change_note", "").strip() or _("Saved"))
            return super().changeform_view(request, object_id, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        return self.after_save(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self.after_save(request, obj) or super().response_change(request, obj)

    def after_save(self, request, obj):
        if "_preview" in request.POST:
            return self.render_preview(request, obj)
        if "_submit_review" in request.POST:
            workflow.submit_for_review(
                obj, by=request.user, note=request.POST.get("_review_note", "")
            )
            self.message_user(
                request,
                _("Sent to the clinical reviewers. It stays a draft until one publishes it."),
            )
            for reason in workflow.refusals(obj):  # said now, not first to the reviewer
                self.message_user(
                    request,
                    _("A reviewer cannot publish it as it stands: %(reason)s") % {"reason": reason},
                    level=messages.WARNING,
                )
            return HttpResponseRedirect(self.change_url(obj))
        request._editorial_saved_draft = obj  # Django's "was changed successfully" follows
        return None

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """After a save, say what a draft save means instead of "changed successfully"."""
        draft = getattr(request, "_editorial_saved_draft", None)
        if draft is not None and level == messages.SUCCESS:
            request._editorial_saved_draft = None
            message = (
                _(
                    "Draft saved. Runners still see the live page until a clinical reviewer "
                    "publishes this draft."
                )
                if getattr(draft, "is_working_draft", False)
                else _("Draft saved. It is not on the site until a clinical reviewer publishes it.")
            )
        return super().message_user(request, message, level, *args, **kwargs)

    def has_preview(self):
        return registry.entry(self.model).preview is not None

    def render_preview(self, request, obj):
        preview = registry.entry(self.model).preview
        if preview is None:
            raise Http404(_("This kind of item has no page of its own to preview."))
        response = preview(request, obj)
        response.render()  # inside the transaction that the preview of unsaved text rolls back
        if new_files := uploads.uploaded_in_this_block():
            response.content = uploads.inline_uploads(response.content.decode(), new_files)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    # Extra pages ---------------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/edit/", wrap(self.edit_view), name=f"{name}_edit"),
            path("<path:object_id>/preview/", wrap(self.preview_view), name=f"{name}_preview"),
            path("<path:object_id>/review/", wrap(self.review_view), name=f"{name}_review"),
            path("<path:object_id>/withdraw/", wrap(self.withdraw_view), name=f"{name}_withdraw"),
            path(
                "<path:object_id>/unpublish/", wrap(self.unpublish_view), name=f"{name}_unpublish"
            ),
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                wrap(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def page_context(self, request, title, **extra):
        """The context every extra admin page of this model shares."""
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    def get_item(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        return obj

    def edit_view(self, request, object_id):
        """POST: open (or find) the working draft of a live item and go to it."""
        obj = self.get_item(request, object_id)
        if request.method != "POST" or not self.may_edit(request):
            raise PermissionDenied
        draft = workflow.open_working_draft(obj, by=request.user)
        return HttpResponseRedirect(self.change_url(draft))

    def preview_view(self, request, object_id):
        return self.render_preview(request, self.get_item(request, object_id))

    def gone(self, request, object_id):
        """Where to send someone whose draft no longer exists (published or discarded since
        they opened the page): its live item if there is one, else the list, with why."""
        self.message_user(
            request,
            _(
                "This draft no longer exists: someone published or discarded it after you "
                "opened the page. Nothing was changed."
            ),
            messages.WARNING,
        )
        live = self.live_item_of_gone_draft(object_id)
        return HttpResponseRedirect(self.change_url(live) if live else self.changelist_url())

    def live_item_of_gone_draft(self, object_id):
        if not has_working_drafts(self.model):
            return None
        stored = Version.objects.get_for_object_reference(self.model, unquote(object_id)).first()
        live_pk = stored.field_dict.get("draft_of_id") if stored else None
        return self.model._default_manager.filter(pk=live_pk).first() if live_pk else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and self.get_object(request, unquote(object_id)) is None:
            if self.live_item_of_gone_draft(object_id) is not None:
                return self.gone(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def review_view(self, request, object_id):
        if self.get_object(request, unquote(object_id)) is None:
            return self.gone(request, object_id)
        draft = self.get_item(request, object_id)
        if self.is_live(draft):
            return HttpResponseRedirect(self.change_url(draft))
        if request.method == "POST":
            return self.review_decision(request, draft)
        strategy = workflow.strategy_of(draft)
        live = strategy.live_of(draft)
        rows = diff.compare(strategy.snapshot(live) if live else {}, strategy.snapshot(draft))
        shared = [
            {
                "row": row,
                "kind": row._meta.verbose_name,
                "rows": diff.compare({}, workflow.strategy_of(row).snapshot(row)),
            }
            for row in workflow.going_live_with(draft)
        ]
        context = self.page_context(
            request,
            _("Review “%(item)s”") % {"item": draft},
            draft=draft,
            live=live,
            rows=rows,
            changed_count=sum(row["changed"] for row in rows),
            shared=shared,
            pictures=pictures_of(draft, live),
            refusals=workflow.refusals(draft),
            pin=workflow.review_pin(draft),
            last_saved=Version.objects.get_for_object(draft)
            .select_related("revision__user")
            .first(),
            may_publish=self.has_publish_permission(request),
            four_eyes_block=workflow.four_eyes_blocks(draft, request.user),
            has_preview=self.has_preview(),
            preview_url=self.preview_url(draft),
            **self.review_extra_context(request, draft, live),
        )
        return TemplateResponse(request, self.review_template, context)

    def review_extra_context(self, request, draft, live):
        return {}

    def preview_url(self, obj):
        if not self.has_preview():
            return None
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk])

    def review_decision(self, request, draft):
        try:
            if "_publish" in request.POST:
                live = workflow.publish(
                    draft,
                    by=request.user,
                    reviewed=request.POST.get("reviewed", ""),
                    note=request.POST.get("note", "").strip(),
                )
                self.message_user(request, _("“%(item)s” is live.") % {"item": live})
                return HttpResponseRedirect(self.change_url(live))
            workflow.send_back(draft, by=request.user, comment=request.POST.get("comment", ""))
            self.message_user(request, _("Sent back to the editor with your comments."))
        except workflow.EditorialRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            if not type(draft).objects.filter(pk=draft.pk).exists():
                live = self.live_item_of_gone_draft(str(draft.pk))
                return HttpResponseRedirect(
                    self.change_url(live) if live else self.changelist_url()
                )
        return HttpResponseRedirect(request.path)

    def changelist_url(self):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def withdraw_view(self, request, object_id):
        """POST: take a draft awaiting review back to editing."""
        draft = self.get_item(request, object_id)
        if request.method != "POST" or not self.may_edit(request):
            raise PermissionDenied
        try:
            workflow.withdraw(draft, by=request.user)
        except workflow.EditorialRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, _("Withdrawn from review: you can change the draft again."))
        return HttpResponseRedirect(self.change_url(draft))

    def unpublish_view(self, request, object_id):
        obj = self.get_item(request, object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        form = UnpublishForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                workflow.unpublish(obj, by=request.user, reason=form.cleaned_data["reason"])
            except workflow.EditorialRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                self.message_user(
                    request, _("“%(item)s” is no longer on the site.") % {"item": obj}
                )
            return HttpResponseRedirect(self.change_url(obj))
        uses = workflow.where_used(obj)
        refusal = workflow.strategy_of(obj).refuse_unpublish(obj) if self.is_live(obj) else None
        context = self.page_context(
            request,
            _("Take “%(item)s” off the site?") % {"item": obj},
            object=obj,
            uses=uses,
            blocked=bool(refusal) or any(blocks for _text, blocks in uses),
            refusal=refusal,
            form=form,
        )
        return TemplateResponse(request, "admin/editorial/unpublish.html", context)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_view_or_change_permission(request, obj):
            try:
                workflow.check_may_delete(obj)
            except workflow.EditorialRefused as refusal:
                context = self.page_context(
                    request,
                    _("“%(item)s” cannot be deleted") % {"item": obj},
                    object=obj,
                    uses=workflow.where_used(obj),
                    blocked=True,
                    delete_refused=True,
                    refusal=str(refusal),
                )
                return TemplateResponse(
                    request, "admin/editorial/unpublish.html", context, status=403
                )
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        workflow.check_may_delete(obj)  # checked again inside the delete's transaction
        super().delete_model(request, obj)

    # History -------------------------------------------------------------------------------

    def item_versions(self, obj):
        """Revisions of the item and of every working draft it has had, newest first."""
        if not has_working_drafts(self.model):
            return Version.objects.get_for_object(obj).select_related("revision__user")
        live_pk = obj.draft_of_id or obj.pk
        model_versions = Version.objects.get_for_model(self.model)
        return (
            (
                model_versions.filter(object_id=str(live_pk))
                | model_versions.filter(serialized_data__regex=rf'"draft_of": {live_pk}[,}}]')
            )
            .select_related("revision__user")
            .order_by("-revision__date_created", "-pk")
        )

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_item(request, object_id)
        context = self.page_context(
            request,
            _("Revisions of “%(item)s”") % {"item": obj},
            object=obj,
            versions=self.item_versions(obj),
            may_restore=self.may_restore(request),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def may_restore(self, request):
        return self.may_edit(request)

    def compare_view(self, request, object_id):
        obj = self.get_item(request, object_id)
        versions = {str(v.pk): v for v in self.item_versions(obj)}
        older, newer = versions.get(request.GET.get("a")), versions.get(request.GET.get("b"))
        if older is None or newer is None:
            self.message_user(request, _("Choose two revisions to compare."), messages.WARNING)
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_history",
                    args=[obj.pk],
                )
            )
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        strategy = workflow.strategy_of(obj)
        rows = diff.compare(
            strategy.snapshot_of_version(older), strategy.snapshot_of_version(newer)
        )
        context = self.page_context(
            request,
            _("Compare revisions of “%(item)s”") % {"item": obj},
            object=obj,
            older=older,
            newer=newer,
            rows=rows,
        )
        return TemplateResponse(request, "admin/editorial/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        obj = self.get_item(request, object_id)
        if request.method != "POST" or not self.may_restore(request):
            raise PermissionDenied
        version = get_object_or_404(self.item_versions(obj), pk=version_id)
        try:
            draft, missing = workflow.restore(version, by=request.user)
        except workflow.EditorialRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(self.change_url(obj))
        self.message_user(
            request,
            _(
                "The revision was copied into the working draft. Nothing changes on the site "
                "until a clinical reviewer publishes it."
            )
            if draft.pk != obj.pk or getattr(draft, "draft_of_id", None)
            else _(
                "The revision was copied into this draft. It is not on the site until a "
                "clinical reviewer publishes it."
            ),
        )
        if missing:
            self.message_user(
                request,
                _("Left out because what they pointed to has been deleted: %(rows)s.")
                % {"rows": "; ".join(missing)},
                messages.WARNING,
            )
        return HttpResponseRedirect(self.change_url(draft))

    # Change page context -------------------------------------------------------------------

    def working_draft_of(self, obj):
        if not self.is_live(obj):
            return None
        if hasattr(obj, "drafts"):
            return next(iter(obj.drafts.all()), None)  # prefetched with the list
        return workflow.working_draft_of(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            {
                "is_live": self.is_live(obj),
                "live_read_only": LIVE_READ_ONLY,
                "is_locked": self.is_locked(obj),
                "working_draft": self.working_draft_of(obj),
                "taken_off": taken_off_text(obj) if obj and obj.is_off_the_site else "",
                "may_edit": self.may_edit(request),
                "may_publish": self.has_publish_permission(request),
                "has_preview": self.has_preview(),
                "review_requests": ReviewRequest,
                "statuses": Status,
                # A form shown again with errors keeps the notes as typed, like its fields.
                "typed_change_note": request.POST.get("_change_note", ""),
                "typed_review_note": request.POST.get("_review_note", ""),
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Actions -------------------------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        # The lists show live and new items; a draft is discarded from its own page, where
        # the confirmation says the live page stays.
        actions.pop("delete_selected", None)
        if not self.has_review_cycle:
            actions.pop("mark_reviewed", None)
        return actions

    def has_mark_reviewed_permission(self, request):
        return self.has_publish_permission(request)

    @admin.action(
        description=_("Mark the selected live items as reviewed today"),
        permissions=["mark_reviewed"],
    )
    def mark_reviewed(self, request, queryset):
        """A sign-off, after a page that lists what is signed off and says what it does."""
        items = [obj for obj in queryset.filter(status=Status.PUBLISHED) if self.is_live(obj)]
        due = date_format(review.next_review_after(timezone.localdate()), "j F Y")
        if request.POST.get("confirmed") != "yes":
            drafts = {obj.pk: workflow.working_draft_of(obj) for obj in items}
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Mark as reviewed"),
                "items": [
                    (obj, bool(drafts[obj.pk] and drafts[obj.pk].is_submitted)) for obj in items
                ],
                "signed_by": review.reviewer_label(request.user),
                "due": due,
            }
            return TemplateResponse(request, "admin/editorial/mark_reviewed.html", context)
        for obj in items:
            workflow.mark_reviewed(obj, by=request.user)
        message = ngettext(
            "%(count)d item marked as reviewed; next review due %(due)s.",
            "%(count)d items marked as reviewed; next review due %(due)s.",
            len(items),
        )
        self.message_user(request, message % {"count": len(items), "due": due}, messages.SUCCESS)


class ReferenceAdmin(EditorialAdmin):
    """Rows shared by several items (sources, symptoms, treatments): drafts and publish like
    content, without a review cycle of their own."""

    list_display = ("__str__", "state")
    list_filter = ("status",)
    has_review_cycle = False
    filter_horizontal = ()


@admin.register(Source)
class SourceAdmin(ReferenceAdmin):
    list_display = ("title", "author", "publisher", "accessed", "state")
    search_fields = ("title", "author", "publisher", "key")
    prepopulated_fields = {"key": ("title",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
