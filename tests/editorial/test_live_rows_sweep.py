"""Public pages show a linked row only while it is live, swept over every row a live item links
to and every public page, on the shipped content: the shared rows (sources, symptoms,
treatments), and the items that live items link to (a condition's risk factors and related
conditions, the exercises and conditions linked to each other).

Each row's texts get a marker appended first: many names ("Heat", "Squatting hurts") also occur
in other text, so only a marker says that a page shows the row itself. Rows are made not live
by a direct database update, as a broken state would be: half of them as drafts, half as the
working draft of a row (published, but with ``draft_of`` set).
"""

from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db.models import CharField, F, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse

from conditions.models import Condition, RiskFactor
from config.sitemaps import PageSitemap
from editorial import registry
from editorial.links import live_item_links
from editorial.models import Status, live_q
from exercises.models import Exercise
from search.indexing import rebuild_index
from tests.triage.answers import DISC, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def in_order(rows):
    """Each row once, in a stable order."""
    unique = {(type(row), row.pk): row for row in rows}
    return [unique[key] for key in sorted(unique, key=lambda key: (key[0].__name__, key[1]))]


def linked_shared_rows():
    return in_order(row for _item, row in live_item_links())


def linked_items():
    """Both ends of every link between two live items."""
    rows = []
    for model in apps.get_models():
        if not registry.is_registered(model) or registry.is_shared_row(model):
            continue
        for field in model._meta.many_to_many:
            if registry.is_registered(field.related_model) and not registry.is_shared_row(
                field.related_model
            ):
                ends = field.m2m_field_name(), field.m2m_reverse_field_name()
                links = field.remote_field.through.objects.filter(*map(live_q, ends))
                for link in links.select_related(*ends):
                    rows += [getattr(link, end) for end in ends]
    return in_order(rows)


SWEPT = {
    "shared rows": (
        linked_shared_rows,
        {entry.model for entry in registry.entries() if registry.is_shared_row(entry.model)},
    ),
    "linked items": (linked_items, {Condition, Exercise, RiskFactor}),
}


def text_fields(model):
    """The texts a page could show of a row: free text, not slugs, addresses or choices."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if type(f) in (CharField, TextField) and f.editable and not f.choices
    ]


def mark(rows):
    """{marker: row}, with the row's marker appended to each of its texts in the database."""
    markers = {}
    for number, row in enumerate(rows):
        marker = f"qz{number:03d}"
        changes = {name: Concat(F(name), Value(f" {marker}")) for name in text_fields(type(row))}
        type(row).objects.filter(pk=row.pk).update(**changes)
        markers[marker] = row
    return markers


def set_live(rows, live):
    """Make the rows live, or not live: every other one a draft, the rest a working draft."""
    for number, row in enumerate(rows):
        rows_of_model = type(row).objects.filter(pk=row.pk)
        if live:
            rows_of_model.update(status=Status.PUBLISHED, draft_of=None)
        elif number % 2:
            rows_of_model.update(draft_of=F("pk"))
        else:
            rows_of_model.update(status=Status.DRAFT)
    # Changed outside Django, as after a manual fix: rebuild the search entries, drop the cache.
    rebuild_index()
    cache.clear()


def name_of(row):
    return getattr(row, "name", None) or getattr(row, "title", None) or row.sign


def public_urls(rows, result_url):
    """The pages runners can reach now: every live item's, lists, urgent help, the sitemap, a
    sheet of every live exercise, a questionnaire result and a search for each row's name."""
    urls = [reverse(name) for name in PageSitemap().items()] + [reverse("sitemap"), result_url]
    for entry in registry.entries():
        if hasattr(entry.model, "get_absolute_url"):
            urls += [item.get_absolute_url() for item in entry.model.objects.live()]
    exercises = Exercise.objects.live().values_list("slug", flat=True)
    urls.append(f"{reverse('exercises:sheet')}?{urlencode([('e', slug) for slug in exercises])}")
    urls += [f"{reverse('search')}?{urlencode({'q': name_of(row)})}" for row in rows]
    return urls


def site_text(client, rows, result_url):
    """{url: page text}; every page must answer 200, so a missing page hides nothing."""
    pages = {url: client.get(url) for url in public_urls(rows, result_url)}
    assert {url: page.status_code for url, page in pages.items() if page.status_code != 200} == {}
    return {url: page.content.decode() for url, page in pages.items()}


def pages_showing(markers, pages):
    """{row: [urls of pages showing it]} for the rows some page shows."""
    shown = {}
    for marker, row in markers.items():
        urls = [url for url, text in pages.items() if marker in text]
        if urls:
            shown[f"{type(row).__name__} {row}"] = urls
    return shown


@pytest.mark.parametrize("swept", SWEPT)
def test_no_public_page_shows_a_linked_row_once_it_is_not_live(client, swept):
    find_rows, models = SWEPT[swept]
    rows = find_rows()
    assert {type(row) for row in rows} == models
    result_url = walk(client, DISC).url
    markers = mark(rows)

    set_live(rows, True)
    shown_while_live = pages_showing(markers, site_text(client, rows, result_url))
    set_live(rows, False)
    shown_once_not_live = pages_showing(markers, site_text(client, rows, result_url))

    assert len(shown_while_live) == len(rows)  # the sweep sees every row while it is live
    assert shown_once_not_live == {}
