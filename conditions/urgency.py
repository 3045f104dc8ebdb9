"""How urgently to get help, and saying each thing once on the urgent help page.

``Urgency`` labels the values of ``conditions.vocabulary`` for forms and admin: a red flag's
level is one of its first two values, a questionnaire result's disposition any of the four.

Every red flag's "what to do" text is written to stand alone (the questionnaire shows one flag
at a time), so the flags of one level repeat the same instruction and explanation. On the page
that lists them all, the parts shared by two or more flags of a level are said once, on the
level's card, and each flag keeps only what is its own.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from conditions import vocabulary
from core.calls import EMERGENCY_CALL, URGENT_CALL


class Urgency(models.TextChoices):
    """Most urgent first."""

    EMERGENCY = vocabulary.EMERGENCY, _("Emergency: call 999 or go to A&E now")
    URGENT = vocabulary.URGENT, _("Urgent: same-day GP appointment or NHS 111")
    SOON = vocabulary.SOON, _("See a physiotherapist or GP soon")
    SELF_CARE = vocabulary.SELF_CARE, _("Look after it yourself")


RED_FLAG_CHOICES = [
    (value, label) for value, label in Urgency.choices if value in vocabulary.RED_FLAG_LEVELS
]

# The number a red flag of each level tells people to call.
CALL_NUMBERS = {Urgency.EMERGENCY: EMERGENCY_CALL, Urgency.URGENT: URGENT_CALL}

SENTENCE_END = re.compile(r"(?<=[.!?]\*\*)\s+|(?<=[.!?])\s+(?=[A-Z*])")


def units(markdown):
    """The text as (paragraph number, unit) pairs: list blocks and lead-ins ("Tell them:")
    whole, other paragraphs sentence by sentence."""
    found = []
    for number, block in enumerate(re.split(r"\n\s*\n", markdown.strip())):
        block = block.strip()
        if not block:
            continue
        if block.startswith(("-", "*", "1.")) and "\n" in block or block.endswith(":"):
            found.append((number, block))
        else:
            found += [(number, sentence) for sentence in SENTENCE_END.split(block) if sentence]
    return found


def join(pairs):
    paragraphs = {}
    for number, unit in pairs:
        paragraphs.setdefault(number, []).append(unit)
    return "\n\n".join(" ".join(parts) for parts in paragraphs.values())


def split_shared(texts):
    """(what two or more texts share, [what is left of each text]), all as Markdown."""
    split = [units(text) for text in texts]
    counts = {}
    for pairs in split:
        for unit in {unit for _number, unit in pairs}:
            counts[unit] = counts.get(unit, 0) + 1
    shared, seen = [], set()
    for pairs in split:
        for number, unit in pairs:
            if counts[unit] > 1 and unit not in seen:
                shared.append((number, unit))
                seen.add(unit)
    own = [join([(n, unit) for n, unit in pairs if counts[unit] == 1]) for pairs in split]
    return join(shared) if len(texts) > 1 else "", own if len(texts) > 1 else list(texts)


def urgent_help_page(flags):
    """The urgent help page's context: each level's flags, its shared advice, each flag's own
    advice, and the review dates and sources of the flags it is made of."""
    flags = list(flags)
    context = {}
    for level in vocabulary.RED_FLAG_LEVELS:
        of_level = [flag for flag in flags if flag.level == level]
        shared, own = split_shared([flag.what_to_do for flag in of_level])
        context[f"{level}_flags"] = of_level
        context[f"{level}_shared"] = shared
        context[f"{level}_details"] = list(zip(of_level, own, strict=True))
    if flags:
        context["review"] = {
            "last_reviewed": min(flag.last_reviewed for flag in flags),
            "next_review_due": min(flag.next_review_due for flag in flags),
            "reviewed_by": flags[0].reviewed_by
            if len({flag.reviewed_by for flag in flags}) == 1
            else "",
        }
    sources = {source.pk: source for flag in flags for source in flag.shown_sources}
    context["page_sources"] = sorted(sources.values(), key=lambda source: source.title)
    return context
