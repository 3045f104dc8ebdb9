"""Admin logins are limited per username and IP address and per address alone, with a cool-off
rather than a lock."""

import datetime
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.editorial.clinicians import PASSWORD, make_reviewer

pytestmark = pytest.mark.django_db

LIMIT = 3
COOL_OFF = datetime.timedelta(minutes=15)


@pytest.fixture(autouse=True)
def login_limits(settings):
    settings.LOGIN_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = COOL_OFF


def log_in(client, password, username="reviewer"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
    )


def fail_until_locked(client):
    for _attempt in range(LIMIT):
        log_in(client, "wrong-password")


def test_correct_password_logs_a_clinician_in(client):
    make_reviewer()

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_clinician_is_locked_out_after_the_failure_limit_even_with_the_right_password(client):
    make_reviewer()
    fail_until_locked(client)

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock_the_account(client):
    make_reviewer()
    for _attempt in range(LIMIT - 1):
        log_in(client, "wrong-password")

    assert log_in(client, PASSWORD).status_code == 302


def test_lockout_ends_after_the_cool_off_period(client):
    make_reviewer()
    fail_until_locked(client)
    # Move the failures back in time past the cool-off, as if the clinician had waited.
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - COOL_OFF * 2)

    response = log_in(client, PASSWORD)

    assert response.status_code == 302


def test_lockout_of_one_username_leaves_another_clinician_free_to_log_in(client):
    make_reviewer()
    make_reviewer("colleague")
    fail_until_locked(client)

    assert log_in(client, PASSWORD, username="colleague").status_code == 302


@pytest.fixture
def staff_expiry(settings):
    assert "core.middleware.StaffSessionExpiryMiddleware" in settings.MIDDLEWARE
    settings.STAFF_SESSION_IDLE_SECONDS = 600


def test_staff_session_expires_after_the_idle_period_from_the_last_request(client, staff_expiry):
    client.force_login(make_reviewer())

    client.get(reverse("admin:index"))

    assert client.session.get_expiry_age() == 600


def stored_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_each_staff_request_moves_the_session_expiry_forward(client, staff_expiry):
    client.force_login(make_reviewer())
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(seconds=60))

    client.get(reverse("admin:index"))

    assert stored_session(client).expire_date > timezone.now() + datetime.timedelta(seconds=500)


def test_staff_session_is_refused_once_it_has_expired(client, settings, time_machine):
    settings.STAFF_SESSION_IDLE_SECONDS = 1
    client.force_login(make_reviewer())
    client.get(reverse("admin:index"))
    # The database row and a cached copy in local memory run out on this process's clock; one
    # in Redis runs out on the server's, which only waiting moves.
    time_machine.move_to(timezone.now() + datetime.timedelta(seconds=2.1))
    if settings.SESSION_ENGINE.endswith("cached_db"):
        time.sleep(2.1)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_one_address_guessing_across_many_usernames_is_locked_out_and_another_is_not(
    client, settings
):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    make_reviewer()
    guesser, colleague = "203.0.113.7", "198.51.100.20"

    def attempt(username, password, address):
        data = {"username": username, "password": password, "next": reverse("admin:index")}
        return client.post(reverse("admin:login"), data, REMOTE_ADDR=address).status_code

    # Two guesses at each of 10 usernames: below the per-username limit every time.
    answers = [attempt(f"clinician{n % 10}", f"guess{n}", guesser) for n in range(20)]

    assert answers.index(429) == 9, answers  # the address's 10th failure locks it
    assert set(answers[9:]) == {429}
    assert attempt("reviewer", PASSWORD, guesser) == 429
    assert attempt("reviewer", PASSWORD, colleague) == 302
