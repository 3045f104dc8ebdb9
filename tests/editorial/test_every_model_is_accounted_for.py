"""Every model of our apps is accounted for in ``editorial.registry`` or declares what it is,
so that the readers of the registry (export and load, search, the cache's content version,
the roles) cannot miss one: a new model that is none of these fails here until it is
registered, made a part, or declared a visitor's rows or rows made from the content."""

from django.apps import apps
from django.apps.registry import Apps
from django.conf import settings
from django.contrib import admin
from django.db import models

from editorial import registry
from editorial.admin import PartInline


def what_it_is(model):
    """How the registry's readers know the model, or None."""
    if registry.is_registered(model):
        return "registered content"
    if model in registry.part_models():
        return "a part of registered content"
    if any(model in entry.nested for entry in registry.entries()):
        return "nested in a registered version"
    if getattr(model, "visitor_data", False):
        return "a visitor's own rows"
    if getattr(model, "made_from_content", False):
        return "made from the content"
    return None


def unaccounted(models_of_our_apps):
    return [model._meta.label for model in models_of_our_apps if what_it_is(model) is None]


def models_of_our_apps():
    return [
        model
        for label in settings.PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
    ]


def test_every_model_of_our_apps_is_content_a_part_or_declared_visitor_or_derived_data():
    assert unaccounted(models_of_our_apps()) == []


def test_a_new_model_that_is_none_of_these_fails_the_sweep():
    class Planted(models.Model):
        class Meta:
            app_label = "conditions"
            apps = Apps([])  # kept out of the site's app registry

        def __str__(self):
            return "planted"

    assert unaccounted([*models_of_our_apps(), Planted]) == ["conditions.Planted"]


def test_no_model_is_both_content_and_a_visitors_rows():
    content = {entry.model for entry in registry.entries()} | set(registry.part_models())
    declared = {
        model
        for model in models_of_our_apps()
        if getattr(model, "visitor_data", False) or getattr(model, "made_from_content", False)
    }
    assert content & declared == set()


def test_the_admin_edits_an_items_parts_and_only_its_parts_inline():
    """The admin's inlines are written by hand (each with its own fields), so they are checked
    against the registry's parts instead of built from them."""
    for entry in registry.entries():
        model_admin = admin.site._registry.get(entry.model)
        if model_admin is None:
            continue
        inline_models = {
            inline.model for inline in model_admin.inlines if issubclass(inline, PartInline)
        }
        assert inline_models == {part.model for part in entry.parts}, entry.model._meta.label
