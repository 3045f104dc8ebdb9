"""``{% fixed %}`` parts: rendered once per process, and only what cannot vary between requests."""

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.test import RequestFactory
from django.urls import set_script_prefix

BASE = Path(settings.BASE_DIR, "templates", "base.html").read_text()


def template(source):
    return engines["django"].from_string(source)


def without_fixed_tags(source):
    return source.replace("{% fixed %}", "").replace("{% endfixed %}", "")


@pytest.mark.parametrize(
    ("path", "search_query"),
    [("/", ""), ("/search/?q=leg", "leg"), ("/check/", "<b>&amp;"), ("/exercises/?x=1", "")],
)
def test_the_page_frame_renders_as_it_does_without_its_fixed_parts(path, search_query):
    request = RequestFactory().get(path)
    context = {"search_query": search_query}
    fixed, plain = template(BASE), template(without_fixed_tags(BASE))

    first = fixed.render(context, request)
    again = fixed.render(context, request)

    assert "{% fixed %}" in BASE
    assert first == again == plain.render(context, request)


@pytest.mark.parametrize(
    "inside",
    [
        "{{ search_query }}",
        "{% if request %}x{% endif %}",
        "{% url 'conditions:guide' slug %}",
        "{% url 'core:home' as home %}",
        "{% static path %}",
        "{% translate message %}",
        "{% translate 'Search' as word %}",
        "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}",
        "{% blocktranslate with name='x' %}Hello {{ name }}{% endblocktranslate %}",
        "{% now 'Y' %}",
        "{% include 'search/_result.html' %}",
        "{% include template_name %}",
        "{% include '_emergency_signs.html' with x=1 %}",
        "{% url 'core:home'|lower %}",
    ],
)
def test_a_fixed_part_that_could_differ_between_requests_is_refused_when_loaded(inside):
    with pytest.raises(TemplateSyntaxError, match="fixed"):
        template("{% load fixed static i18n %}{% fixed %}" + inside + "{% endfixed %}")


def test_a_fixed_part_may_hold_links_static_files_and_fixed_text():
    fixed = template(
        "{% load fixed static i18n %}{% fixed %}<a href=\"{% url 'conditions:guide' 'x' %}\">"
        "{% translate 'Guides' %}</a>{% static 'css/site.css' %}{# note #}"
        "{% blocktranslate trimmed %} Call <a href='tel:999'>999</a> {% endblocktranslate %}"
        "{% endfixed %}"
    )

    rendered = fixed.render({})

    assert '<a href="/guides/x/">Guides</a>' in rendered
    assert "css/site" in rendered
    assert "Call <a href='tel:999'>999</a>" in rendered


def test_a_fixed_part_is_rendered_once():
    fixed = template("{% load fixed %}{% fixed %}<a href=\"{% url 'core:home' %}\">{% endfixed %}")
    fixed.render({})

    with mock.patch("django.urls.reverse") as reverse:
        fixed.render({})

    reverse.assert_not_called()


def test_a_fixed_part_follows_the_script_prefix():
    fixed = template("{% load fixed %}{% fixed %}{% url 'core:home' %}{% endfixed %}")
    at_root = fixed.render({})
    set_script_prefix("/runners-back/")
    try:
        under_prefix = fixed.render({})
    finally:
        set_script_prefix("/")

    assert (at_root, under_prefix) == ("/", "/runners-back/")


def test_a_fixed_part_is_rendered_again_after_a_setting_behind_it_changes(settings):
    fixed = template("{% load fixed static %}{% fixed %}{% static 'x.css' %}{% endfixed %}")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_URL = "/static/"
    before = fixed.render({})

    settings.STATIC_URL = "/assets/"

    assert (before, fixed.render({})) == ("/static/x.css", "/assets/x.css")


def test_a_fixed_part_may_include_a_named_template_that_holds_only_fixed_text():
    fixed = template(
        "{% load fixed %}{% fixed %}{% include '_emergency_signs.html' %}{% endfixed %}"
    )

    assert "weakness in a leg that is getting worse" in fixed.render({})


def test_a_fixed_part_finds_the_nodes_inside_it_as_django_walking_it_does():
    from django.template.base import Node, TextNode
    from django.template.loader_tags import BlockNode
    from django.templatetags.static import StaticNode

    from core.templatetags.fixed import FixedNode

    frame = template(BASE).template
    fixed_parts = frame.nodelist.get_nodes_by_type(FixedNode)

    assert fixed_parts
    for part in fixed_parts:
        for node_type in (TextNode, StaticNode, BlockNode, Node):
            walked = [
                node for inner in part.nodelist for node in inner.get_nodes_by_type(node_type)
            ]
            itself = [part] if isinstance(part, node_type) else []
            assert part.get_nodes_by_type(node_type) == itself + walked
            assert part.get_nodes_by_type(node_type) == itself + walked  # asked again, kept
