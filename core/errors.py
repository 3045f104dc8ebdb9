"""Failures the site answers the same way wherever they happen: the database stopped answering
(the 503 page) and input no browser sends (the 400 page)."""

from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError

DATABASE_DOWN = (OperationalError, InterfaceError)


class MalformedInput(SuspiciousOperation):
    """Input no browser sends through the site's pages: Django answers 400 with 400.html."""
