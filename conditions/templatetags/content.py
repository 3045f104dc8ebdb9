from django import template
from django.utils.safestring import mark_safe

from conditions.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render clinician-written Markdown; the HTML is sanitised before it is marked safe."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 in render_markdown
