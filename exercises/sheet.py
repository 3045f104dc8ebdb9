"""The printable sheet's tick grid, shaped by how often each exercise is meant to be done."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

WEEKS = 2
NUMBERS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
           "six": 6, "seven": 7}  # fmt: skip
FREQUENCY = re.compile(
    r"(?P<low>\d+|once|twice|one|two|three|four|five|six|seven)"
    r"(?:\s+(?:to|or|-)\s+(?P<high>\d+|two|three|four|five|six|seven))?"
    r"(?:\s+(?:times|days))?\s+(?:a|per|each)\s+(?P<period>day|week)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TickGrid:
    columns: list  # the column headings of one week
    boxes: int  # tick boxes in each cell
    weeks: int = WEEKS

    @property
    def box_range(self):
        return range(self.boxes)

    @property
    def week_numbers(self):
        return range(1, self.weeks + 1)


def number(word):
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def tick_grid(frequency):
    """Days with one box per session for daily exercises ("twice a day": two boxes a day);
    numbered sessions for weekly ones ("at least 2 days a week": two a week)."""
    match = FREQUENCY.search(frequency or "")
    if not match:
        return TickGrid([_("Day %(n)d") % {"n": day} for day in range(1, 8)], 1)
    times = number(match["high"] or match["low"])
    if match["period"].lower() == "week":
        sessions = min(times, 7)
        return TickGrid([_("Session %(n)d") % {"n": n} for n in range(1, sessions + 1)], 1)
    return TickGrid([_("Day %(n)d") % {"n": day} for day in range(1, 8)], min(times, 4))
