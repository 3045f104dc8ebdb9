import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from editorial import markdown as content_markdown
from editorial.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render clinician-written Markdown; the HTML is sanitised before it is marked safe."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 in render_markdown


@register.filter
def call_links(text):
    """Plain text with each call number (999, 111) as a link a phone can call."""
    return content_markdown.call_links(text)


JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """One or more JSON-LD blocks. Data blocks are not run as script, so CSP allows them."""
    if not data:
        return ""
    blocks = data if isinstance(data, list) else [data]
    return mark_safe(  # noqa: S308 - json with <, > and & escaped, as json_script does
        "".join(
            '<script type="application/ld+json">'
            + json.dumps(block, cls=DjangoJSONEncoder).translate(JSON_ESCAPES)
            + "</script>"
            for block in blocks
        )
    )


@register.filter
def admin_change_url(item):
    """Where a previewed item is edited in admin ("" if it has no change page)."""
    opts = item._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return ""
