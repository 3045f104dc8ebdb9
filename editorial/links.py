"""Which shared rows (sources, symptoms, treatments) live items link to.

A shared row is a model under the editorial workflow without a review cycle of its own
(``editorial.registry``); an item links to it through a many-to-many field, with or without a
link model of its own (``Condition.symptoms`` goes through ``ConditionSymptom``). Public pages
show only the live ones (``editorial.models.shown_with``); ``load_content`` refuses to add a link
from a live item to one that is not live.
"""

from django.apps import apps
from django.db.models import Q

from editorial import registry
from editorial.models import Drafted, Publishable, Status, live_q


def link_fields():
    """(model, many-to-many field) for every link from a publishable model to shared rows."""
    for model in apps.get_models():
        if issubclass(model, Publishable):
            for field in model._meta.many_to_many:
                if registry.is_shared_row(field.related_model):
                    yield model, field


def live_items_q(model):
    """Live rows of ``model``; a model without working drafts (the questionnaire) has no
    ``draft_of``."""
    return live_q() if issubclass(model, Drafted) else Q(status=Status.PUBLISHED)


def live_item_links(*, not_live_only=False):
    """[(item, shared row)] for every link from a live item to a shared row, or only to those
    rows that are not live."""
    found = []
    for model, field in link_fields():
        item, row = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = field.remote_field.through.objects.filter(
            **{f"{item}__in": model._default_manager.filter(live_items_q(model))}
        )
        if not_live_only:
            links = links.exclude(live_q(row))
        for link in links.select_related(item, row).order_by("pk"):
            found.append((getattr(link, item), getattr(link, row)))
    return found
