"""Published condition content other pages list: the warning signs by level, and what the
home page lists."""

from django.utils.translation import gettext as _

from conditions.models import Condition, RedFlag
from conditions.vocabulary import RED_FLAG_LEVELS
from core.public import visible
from editorial.models import is_live


def red_flags_by_level(flags=None):
    """The red flags (by default every live one) of each level, for the pages and printed
    results that list the warning signs."""
    flags = list(visible(RedFlag)) if flags is None else flags
    return {
        f"{level}_flags": [flag for flag in flags if flag.level == level]
        for level in RED_FLAG_LEVELS
    }


def home_page_content(_obj=None):
    """What the home page (``core:home``) lists of conditions: every live condition, and the
    warning signs by level."""
    return {
        "conditions": visible(Condition).only("name", "slug", "summary"),
        **red_flags_by_level(),
    }


# The guides the footer of every page links to (templates/base.html, a fixed part): taking one
# off the site would leave a broken link on every page.
FOOTER_GUIDES = ("running-with-back-pain", "about-this-site", "medical-disclaimer")


def footer_linking(guide):
    """A usage finder (``editorial.registry``): the footer of every page, for a live guide it
    links to; it blocks taking the guide off the site or deleting it."""
    if not is_live(guide) or guide.slug not in FOOTER_GUIDES:
        return []
    return [(_("the footer of every page (it links to this guide: change its text instead)"), True)]
