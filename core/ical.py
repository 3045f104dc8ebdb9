"""The calendar files the site offers (iCalendar, RFC 5545, made with ``icalendar``): the
exercise sheet's two weeks (``exercises.sheet``) and a runner's next sessions (``running``)."""

from django.http import HttpResponse
from icalendar import Calendar


def new_calendar(product, *, name=None):
    calendar = Calendar()
    calendar.add("prodid", f"-//Runner's Back//{product}//EN")
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def calendar_download(body, filename):
    """The file's bytes as a download named ``filename``."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
