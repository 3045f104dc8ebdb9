"""The clinical roles, defined in code: which permissions each group holds.

A data migration creates the groups, and they are brought up to date again after every
``migrate``: Django creates a model's permissions only after migrations have run, and the
questionnaire app's models may arrive after this app's migrations. Superusers manage accounts;
staff without one of these roles can change nothing.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

from editorial import registry

EDITOR = "Clinical editor"
REVIEWER = "Clinical reviewer"
ROLES = {"editor": EDITOR, "reviewer": REVIEWER}


def role_apps():
    """The apps whose models the roles cover: those that register content with the editorial
    workflow (``editorial.registry``)."""
    return tuple(registry.apps_with_content())


def editor_codenames(app_label, model_name):
    """Editors add, change and delete drafts (the admin keeps what is live read-only to
    everyone); rows people submit, such as questionnaire answers, they only view."""
    if f"{app_label}.{model_name}" in settings.EDITORIAL_VIEW_ONLY_MODELS:
        return {f"view_{model_name}"}
    return {f"{action}_{model_name}" for action in ("add", "change", "delete", "view")}


def publish_codenames(model):
    """The model's own publish permissions, e.g. 'publish_condition', 'publish_questionnaire'."""
    return {
        codename for codename, _name in model._meta.permissions if codename.startswith("publish_")
    }


def role_models():
    """Every content and questionnaire model installed, without the history models."""
    from django.apps import apps

    for label in role_apps():
        if apps.is_installed(label):
            yield from apps.get_app_config(label).get_models()


def wanted_permissions():
    """{role name: {(app label, codename), …}} for the models installed now."""
    editor, reviewer = set(), set()
    for model in role_models():
        label = model._meta.app_label
        editor |= {(label, code) for code in editor_codenames(label, model._meta.model_name)}
        reviewer |= {(label, code) for code in publish_codenames(model)}
    return {EDITOR: editor, REVIEWER: editor | reviewer}


def sync_role_permissions(*, using=DEFAULT_DB_ALIAS):
    """Create the role groups if needed and give each exactly its permissions that exist."""
    from django.contrib.auth.models import Group, Permission

    available = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=role_apps())
        .select_related("content_type")
    }
    for name, wanted in wanted_permissions().items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([available[key] for key in sorted(wanted) if key in available])


def sync_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: runs once, after the last of the role apps has its permissions."""
    from django.apps import apps

    installed = [config.label for config in apps.get_app_configs() if config.label in role_apps()]
    if installed and sender.label == installed[-1]:
        sync_role_permissions(using=using)


def role_of(user):
    """The user's clinical role name (reviewer before editor), or None."""
    names = set(user.groups.filter(name__in=ROLES.values()).values_list("name", flat=True))
    return next((name for name in (REVIEWER, EDITOR) if name in names), None)
