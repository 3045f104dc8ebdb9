"""The printable exercise sheet: its tick grids, shaped by how often each exercise is meant
to be done, its "now" and "later" parts, and the same plan as a calendar file."""

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Event

from core.calls import emergency_signs_lazy
from core.ical import new_calendar

WEEKS = 2
SHEET_LIMIT = 20  # exercises on one sheet
CALENDAR_WARNING = format_lazy(
    gettext_lazy(
        "Stop any exercise that makes your pain clearly worse. Call 999 or go to A&E now if "
        "you have back pain with {signs}."
    ),
    signs=emergency_signs_lazy(),
)
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


@dataclass(frozen=True)
class SheetExercise:
    """One exercise on the sheet: "now" ones have a tick grid, "later" ones what they wait for."""

    exercise: object
    grid: TickGrid | None = None
    until: str = ""


def sheet_exercises(*, now, later):
    """(now, later) as ``SheetExercise`` lists. ``now``: exercises; ``later``: (exercise,
    what it waits for) pairs."""
    return (
        [SheetExercise(e, grid=tick_grid(e.frequency)) for e in now],
        [SheetExercise(e, until=until) for e, until in later],
    )


def calendar(*, exercises, start, sheet_url, host, stamp):
    """An iCalendar file: one all-day event a day for two weeks from ``start``, each listing
    the exercises with their doses and linking to the sheet. Events of the same exercises and
    start date keep their UIDs, so importing the file twice does not double them."""
    days = WEEKS * 7
    key = hashlib.sha256(
        "|".join([start.isoformat(), *(e.slug for e in exercises)]).encode()
    ).hexdigest()[:20]
    lines = [f"- {e.name}: {e.dose}" for e in exercises]
    description = "\n".join(
        [
            *lines,
            "",
            str(CALENDAR_WARNING),
            "",
            _("Your sheet, with pictures and steps: %(url)s") % {"url": sheet_url},
        ]
    )
    ical = new_calendar("Exercise sheet", name=_("Back exercises"))
    for day in range(days):
        event = Event()
        event.add("uid", f"{key}-{day + 1}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start + timedelta(days=day))
        event.add("dtend", start + timedelta(days=day + 1))
        event.add(
            "summary", _("Back exercises: day %(n)d of %(days)d") % {"n": day + 1, "days": days}
        )
        event.add("description", description)
        event.add("url", sheet_url)
        event.add("transp", "TRANSPARENT")
        ical.add_component(event)
    return ical.to_ical()
