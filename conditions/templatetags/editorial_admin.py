"""The review dashboard on the admin index: what is overdue or due for review soon, by type."""

from django import template
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from conditions import review
from conditions.models import Editorial

register = template.Library()


def editorial_admins(request, site=admin.site):
    """The registered editorial models the user may see, in the admin's order."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Editorial) and site.is_registered(model)
    ]
    return [
        (model, site.get_model_admin(model))
        for model in models
        if site.get_model_admin(model).has_view_or_change_permission(request)
    ]


@register.simple_tag(takes_context=True)
def review_dashboard(context):
    request = context["request"]
    today = timezone.localdate()
    admins = editorial_admins(request)
    groups = []
    for model, model_admin in admins:
        due = review.due_for_review(model_admin.get_queryset(request), today=today)
        items = [
            {
                "object": obj,
                "url": reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[obj.pk],
                    current_app=model_admin.admin_site.name,
                ),
                "due": obj.next_review_due,
                "state": (state := review.review_state(obj.next_review_due, today=today)),
                "state_label": review.STATE_LABELS[state],
            }
            for obj in due
        ]
        if items:
            groups.append({"label": model._meta.verbose_name_plural, "items": items})
    return {"shown": bool(admins), "groups": groups}
