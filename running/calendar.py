"""The next two weeks of a runner's sessions as an iCalendar file (RFC 5545, ``icalendar``)."""

import hashlib
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from core.ical import new_calendar

SESSION_TIME = time(8, 0)  # a suggestion: runners move the events in their own calendar


def ics(programme, days, *, address, now=None):
    """The calendar file's bytes: one event a planned session, with the log's address.

    Each event's UID is the log's (a digest of its address) and the day's: two runners' files
    never share one, and a file downloaded again updates the same days' events."""
    calendar = new_calendar("Return to running")
    stamp = now or timezone.now()
    log_key = hashlib.sha256(address.encode()).hexdigest()[:20]
    for day, stage in days:
        start = datetime.combine(day, SESSION_TIME)
        event = Event()
        event.add("uid", f"{programme.slug}-{log_key}-{day.isoformat()}@runners-back")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=stage.minutes))
        event.add(
            "summary",
            _("Return to running, stage %(n)s: %(name)s") % {"n": stage.number, "name": stage.name},
        )
        event.add(
            "description",
            "\n".join(
                [
                    stage.session,
                    _(
                        "This is the stage you are on now: if your log moves you on or back a "
                        "stage, or stops the programme, do what the log says instead."
                    ),
                    _("Log it afterwards, and check your back the next morning:"),
                    address,
                ]
            ),
        )
        calendar.add_component(event)
    return calendar.to_ical()
