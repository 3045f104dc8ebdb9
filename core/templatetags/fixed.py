"""``{% fixed %}…{% endfixed %}``: a part of the page that is the same on every request (links
to the site's pages, static files, fixed text), rendered once per process and reused.

The header and footer that every page shares hold about thirty ``{% url %}``, ``{% static %}``
and ``{% translate %}`` tags, and rendering them took 0.6 ms of every page. So that what is
kept can never differ between requests, a fixed part may hold only text and those tags with
literal arguments (and ``{% include %}`` of a named template holding only such): anything
else (a variable, ``{% if %}``, a tag naming a variable) is a ``TemplateSyntaxError`` when the
template is loaded. What it renders to depends then only on
the URLconf, the static files' manifest, the language and the script prefix: it is kept per
language and script prefix, and forgotten when one of the settings behind the rest changes
(as tests do).

``{% today %}``: today's date as a printed page shows it, formatted once a day per process.
"""

import weakref
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import TextNode, TokenType, Variable
from django.template.defaulttags import CommentNode, URLNode
from django.template.loader import get_template
from django.template.loader_tags import IncludeNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()

SETTINGS_BEHIND_IT = {
    "ROOT_URLCONF",
    "STATIC_URL",
    "STORAGES",
    "FORCE_SCRIPT_NAME",
    "USE_I18N",
    "LANGUAGE_CODE",
    "LANGUAGES",
}
_fixed_nodes = weakref.WeakSet()


def is_literal(expression):
    """Whether a tag argument is written out in the template (no variable, no filter)."""
    if expression.filters:
        return False
    var = expression.var
    return not isinstance(var, Variable) or var.lookups is None


def varies(node):
    """Why ``node`` could render differently between requests, or "" when it cannot."""
    if isinstance(node, TextNode | CommentNode):
        return ""
    if isinstance(node, URLNode):
        arguments = [node.view_name, *node.args, *node.kwargs.values()]
        return "" if node.asvar is None and all(map(is_literal, arguments)) else "a variable"
    if isinstance(node, StaticNode):
        return "" if node.varname is None and is_literal(node.path) else "a variable"
    if isinstance(node, TranslateNode):
        plain = node.asvar is None and node.message_context is None
        return "" if plain and is_literal(node.filter_expression) else "a variable"
    if isinstance(node, IncludeNode):
        # A written-out template name, no extra context, and nothing in it that varies.
        if node.extra_context or node.isolated_context or not is_literal(node.template):
            return "a variable"
        included = get_template(node.template.var).template
        return next(filter(None, map(varies, included.nodelist)), "")
    if isinstance(node, BlockTranslateNode):
        tokens = [*node.singular, *(node.plural or ())]
        plain = not node.extra_context and node.countervar is None and node.asvar is None
        texts = all(token.token_type == TokenType.TEXT for token in tokens)
        return "" if plain and texts and node.message_context is None else "a variable"
    return type(node).__name__


class FixedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}
        self.found = {}  # node type -> nodes of that type inside (``get_nodes_by_type``)
        _fixed_nodes.add(self)

    def get_nodes_by_type(self, nodetype):
        """As any node's, kept per type: what is inside never changes, and Django looks for
        blocks through the whole page frame (most of it fixed parts) on every render."""
        if nodetype not in self.found:
            self.found[nodetype] = super().get_nodes_by_type(nodetype)
        return self.found[nodetype]

    def render(self, context):
        key = (get_language(), get_script_prefix())
        if key not in self.rendered:
            self.rendered[key] = self.nodelist.render(context)
        return self.rendered[key]


@register.tag
def fixed(parser, token):
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    for node in nodelist:
        if reason := varies(node):
            raise template.TemplateSyntaxError(
                f"{{% fixed %}} holds {reason} ({node!r}): only text and {{% url %}}, "
                "{% static %} and {% translate %} tags with written-out arguments may be fixed."
            )
    return FixedNode(nodelist)


@receiver(setting_changed)
def forget_fixed_parts(setting, **kwargs):
    if setting in SETTINGS_BEHIND_IT:
        for node in list(_fixed_nodes):
            node.rendered.clear()


@register.simple_tag
def today():
    """Today's date in the site's time zone as printed pages show it ("7 December 2026"),
    formatted once a day per process and language rather than on every page."""
    return day_as_printed(timezone.localdate(), get_language())


@lru_cache(maxsize=8)
def day_as_printed(day, language):
    return date_format(day, "j F Y")
