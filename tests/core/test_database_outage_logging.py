"""A database outage is one warning and, once it answers again, one info line per process."""

import logging

import pytest
from django.db import OperationalError

from core.db_deadline import DATABASE
from core.health import DatabaseUnavailableMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_up():
    DATABASE.succeeded()
    yield
    DATABASE.succeeded()


def test_many_requests_during_an_outage_log_one_warning_and_no_traceback(rf, caplog):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    caplog.set_level(logging.INFO, logger="config.database")

    for _ in range(50):
        response = middleware.process_exception(rf.get("/"), OperationalError("gone"))
        assert response.status_code == 503
    DATABASE.succeeded()

    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    infos = [r for r in caplog.records if r.levelno == logging.INFO]
    assert len(warnings) == 1 and warnings[0].exc_info is None
    assert "OperationalError: gone" in warnings[0].getMessage()
    assert len(infos) == 1 and "failed calls: 50" in infos[0].getMessage()
