from django import template

from conditions.anatomy import BODY_MAP, diagram_for

register = template.Library()


@register.simple_tag
def anatomy_diagram(slug):
    """The labelled diagram of a condition (None for a condition without one)."""
    return diagram_for(slug)


@register.simple_tag
def body_map():
    return BODY_MAP
