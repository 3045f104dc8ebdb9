"""Published condition content other pages list: the warning signs by level, and what the
home page lists."""

from conditions.models import Condition, RedFlag
from conditions.vocabulary import RED_FLAG_LEVELS
from core.public import visible


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
