import threading
import time
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from core import health
from core.views import server_error
from tests.helpers import without_tags


def test_healthz_reports_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True}
    assert response["Cache-Control"] == "no-store"


def every_connection(**behaviour):
    """Patch how every thread's connection connects (the check asks on a thread of its own)."""
    return mock.patch.object(type(connections["default"]), "ensure_connection", **behaviour)


def test_healthz_reports_503_when_the_database_is_unreachable(client, db):
    with every_connection(side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": False, "cache": True}


def test_healthz_answers_within_its_deadline_however_long_a_connection_takes(client, db, settings):
    settings.HEALTH_CHECK_DEADLINE = 0.3
    released = threading.Event()
    asked = []

    def hang(*args):
        asked.append(1)
        released.wait(10)
        raise OperationalError("couldn't get a connection")

    with every_connection(side_effect=hang):
        started = time.monotonic()
        first, second = client.get("/healthz"), client.get("/healthz")
        seconds = time.monotonic() - started
        released.set()
        health._question["pending"].result(timeout=10)

    assert (first.status_code, second.status_code) == (503, 503)
    assert seconds < 2 * 0.3 + 0.5
    assert len(asked) == 1  # the second probe shared the question still out


def test_healthz_answers_a_probe_whatever_host_it_uses(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", headers={"host": "10.0.0.7:8000"})

    assert response.status_code == 200


def test_unknown_page_gets_a_404_in_the_site_layout(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Skip to main content" in html
    assert "Need urgent help?" in html


@pytest.mark.django_db
def test_lost_database_in_a_view_gives_the_friendly_503_page(client):
    with mock.patch(
        "conditions.selectors.red_flags_by_level",
        side_effect=OperationalError("server closed the connection"),
    ):
        response = client.get("/")

    assert response.status_code == 503
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "Call 999 or go to A&amp;E" in without_tags(html)
    assert "Traceback" not in html


def test_server_error_view_gives_503_when_the_database_caused_it(rf):
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = server_error(rf.get("/"))

    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_get_the_500_page_in_the_site_layout():
    client = Client(raise_request_exception=False)
    with mock.patch("conditions.selectors.red_flags_by_level", side_effect=RuntimeError("bug")):
        response = client.get("/")

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
