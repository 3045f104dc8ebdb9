"""What the content admins share.

``ContentAdmin``: change history with a diff of each version and revert to any version
(django-simple-history), and an on-save preview of the Markdown fields as the site renders them.
``EditorialAdmin`` adds, for published content: review columns and filters, the publish,
unpublish and mark-reviewed actions, and the rule that only a clinical reviewer (a user with
the model's ``publish_<model>`` permission) changes what the public sees.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from conditions import review
from conditions.markdown import render_markdown
from conditions.models import Status
from conditions.roles import role_of

PUBLICATION_FIELDS = ("status", "last_reviewed", "next_review_due", "reviewed_by", "sources")
REVIEW_FIELDS = ("last_reviewed", "next_review_due", "reviewed_by")
PREVIEW_FIELD = "markdown_preview"

PUBLISH_REFUSED = _(
    "Only a clinical reviewer can publish. Save this as a draft and ask a reviewer to publish it."
)
UNPUBLISH_REFUSED = _("Only a clinical reviewer can take published content off the site.")
ONLY_REVIEWERS = _("Only a clinical reviewer can change this.")


class ContentAdmin(SimpleHistoryAdmin):
    """History, revert and Markdown preview for every content model."""

    markdown_fields = ()
    history_list_per_page = 50

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting is a change: simple_history lets anyone who may view post the form, so
        the change permission on the item as it is now is checked here."""
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.markdown_fields:
            fields.append(PREVIEW_FIELD)
        return fields

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return self.fieldsets
        fields = [name for name in self.get_fields(request, obj) if name != PREVIEW_FIELD]
        fieldsets = self.group_fields(fields)
        if obj is not None and self.markdown_fields:
            fieldsets.append(
                (
                    _("Preview"),
                    {
                        "fields": [PREVIEW_FIELD],
                        "description": _(
                            "The Markdown text as the site shows it, from the last save."
                        ),
                    },
                )
            )
        return fieldsets

    def group_fields(self, fields):
        return [(None, {"fields": fields})]

    @admin.display(description=_("As shown on the site"))
    def markdown_preview(self, obj):
        sections = (
            (capfirst(obj._meta.get_field(name).verbose_name), render_markdown(getattr(obj, name)))
            for name in self.markdown_fields
        )
        # render_markdown's output is sanitised by nh3, so it is safe to show as HTML.
        return format_html_join(
            "",
            '<div class="markdown-preview"><h3>{}</h3>{}</div>',
            ((label, mark_safe(html)) for label, html in sections),
        )


class EditorialForm(forms.ModelForm):
    """Refuses a change of status unless the user may publish (set by EditorialAdmin)."""

    may_publish = False

    def clean_status(self):
        status = self.cleaned_data["status"]
        if not self.may_publish and status != self.stored_status():
            raise forms.ValidationError(
                PUBLISH_REFUSED if status == Status.PUBLISHED else UNPUBLISH_REFUSED,
                code="publish_permission",
            )
        return status

    def stored_status(self):
        """The status in the database: a revert form's instance carries an old one."""
        if self.instance.pk is None:
            return Status.DRAFT
        stored = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        return stored.values_list("status", flat=True).first() or Status.DRAFT


class ReviewStateFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return list(review.STATE_LABELS.items())

    def queryset(self, request, queryset):
        return review.filter_by_review_state(queryset, self.value(), today=timezone.localdate())


class EditorialAdmin(ContentAdmin):
    """Publication, review cycle and sources for the models that have public pages."""

    form = EditorialForm
    list_display = ("__str__", "status", "last_reviewed", "review_due", "reviewed_by")
    list_filter = ("status", ReviewStateFilter)
    filter_horizontal = ("sources",)
    actions = ("publish", "unpublish", "mark_reviewed")

    def has_publish_permission(self, request):
        codename = get_permission_codename("publish", self.opts)
        return request.user.has_perm(f"{self.opts.app_label}.{codename}")

    def has_change_permission(self, request, obj=None):
        """Editors change drafts; what is live changes only with a reviewer's sign-off.

        Without change permission the page (and its inlines, and history revert) is shown
        read-only, and a POST to it is refused.
        """
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def group_fields(self, fields):
        content = [name for name in fields if name not in PUBLICATION_FIELDS]
        publication = [name for name in PUBLICATION_FIELDS if name in fields]
        return [(None, {"fields": content}), (_("Publication and review"), {"fields": publication})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.may_publish = self.has_publish_permission(request)
        if not form.may_publish and "status" in form.base_fields:
            form.base_fields["status"].help_text = ONLY_REVIEWERS
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and not self.has_publish_permission(request):
            fields = [*REVIEW_FIELDS, *fields]
        return fields

    def get_changeform_initial_data(self, request):
        today = timezone.localdate()
        return {
            "last_reviewed": today,
            "next_review_due": review.next_review_after(today),
            "reviewed_by": review.reviewer_label(request.user, role_of(request.user)),
            **super().get_changeform_initial_data(request),
        }

    def save_model(self, request, obj, form, change):
        if change and not self.has_publish_permission(request):
            # Only reviewers sign off reviews, also when an editor reverts to an old version.
            stored = type(obj)._default_manager.filter(pk=obj.pk).values(*REVIEW_FIELDS).first()
            for name, value in (stored or {}).items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("next review due"), ordering="next_review_due")
    def review_due(self, obj):
        state = review.review_state(obj.next_review_due, today=timezone.localdate())
        due = date_format(obj.next_review_due, "j M Y")
        if state == review.UP_TO_DATE:
            return due
        return format_html("{} <strong>({})</strong>", due, review.STATE_LABELS[state])

    def save_each(self, request, objects, reason):
        for obj in objects:
            obj._change_reason = reason
            obj.save()
            self.log_change(request, obj, reason)

    def check_publish_permission(self, request):
        if not self.has_publish_permission(request):
            raise PermissionDenied

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        self.check_publish_permission(request)
        items = list(queryset.exclude(status=Status.PUBLISHED))
        for obj in items:
            obj.status = Status.PUBLISHED
        self.save_each(request, items, str(_("Published")))
        message = ngettext("%(count)d item published.", "%(count)d items published.", len(items))
        self.message_user(request, message % {"count": len(items)}, messages.SUCCESS)

    @admin.action(description=_("Unpublish the selected items"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self.check_publish_permission(request)
        items = list(queryset.filter(status=Status.PUBLISHED))
        for obj in items:
            obj.status = Status.DRAFT
        self.save_each(request, items, str(_("Unpublished")))
        message = ngettext(
            "%(count)d item taken off the site.", "%(count)d items taken off the site.", len(items)
        )
        self.message_user(request, message % {"count": len(items)}, messages.SUCCESS)

    @admin.action(
        description=_("Mark the selected items as reviewed today"), permissions=["publish"]
    )
    def mark_reviewed(self, request, queryset):
        self.check_publish_permission(request)
        today = timezone.localdate()
        reviewer = review.reviewer_label(request.user, role_of(request.user))
        items = list(queryset)
        for obj in items:
            obj.last_reviewed = today
            obj.next_review_due = review.next_review_after(today)
            obj.reviewed_by = reviewer
        self.save_each(request, items, str(_("Marked as reviewed")))
        message = ngettext(
            "%(count)d item marked as reviewed; next review due %(due)s.",
            "%(count)d items marked as reviewed; next review due %(due)s.",
            len(items),
        )
        due = date_format(review.next_review_after(today), "j F Y")
        self.message_user(request, message % {"count": len(items), "due": due}, messages.SUCCESS)
