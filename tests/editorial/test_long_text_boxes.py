"""Every sentence-long text field of every admin page is edited in a box that shows it all."""

import pytest
from django import forms
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from editorial.admin import LONG_TEXT

pytestmark = pytest.mark.django_db


def long_line_fields(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if type(field) is models.CharField
        and not field.choices
        and (field.max_length or 0) >= LONG_TEXT
    ]


MODELS_WITH_LONG_LINES = [model for model in admin.site._registry if long_line_fields(model)]


def admin_form_fields(model, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    form = admin.site._registry[model].get_form(request)
    return {name: form.base_fields.get(name) for name in long_line_fields(model)}


def test_the_sweep_sees_the_long_lines_the_auditor_met():
    swept = {model._meta.label: long_line_fields(model) for model in MODELS_WITH_LONG_LINES}

    assert "summary" in swept["conditions.Condition"]
    assert "text" in swept["triage.Question"]


@pytest.mark.parametrize("model", MODELS_WITH_LONG_LINES, ids=lambda model: model._meta.label)
def test_each_long_line_is_edited_in_a_text_box(model, admin_user):
    fields = admin_form_fields(model, admin_user)

    shown = {name: field for name, field in fields.items() if field is not None}
    assert all(isinstance(field.widget, forms.Textarea) for field in shown.values()), shown
