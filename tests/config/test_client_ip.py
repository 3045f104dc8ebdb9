"""Admin lockouts key on the visitor's real address: X-Forwarded-For is believed only from a
trusted proxy (FORWARDED_ALLOW_IPS), never from anyone else."""

import datetime

import pytest
from django.urls import reverse

from core.client_ip import client_ip
from tests.editorial.clinicians import PASSWORD, make_reviewer

LIMIT = 3
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def login_limits(settings):
    settings.LOGIN_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]


def log_in(client, password, *, peer, forwarded=None):
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return client.post(
        reverse("admin:login"),
        {"username": "reviewer", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=peer,
        headers=headers,
    )


def test_the_forwarded_address_is_used_when_the_request_comes_from_a_trusted_proxy(rf):
    request = rf.get("/", REMOTE_ADDR=PROXY, headers={"x-forwarded-for": "198.51.100.7"})

    assert client_ip(request) == "198.51.100.7"


def test_a_trusted_proxy_may_be_given_as_a_network(rf):
    request = rf.get("/", REMOTE_ADDR="10.1.4.2", headers={"x-forwarded-for": "198.51.100.7"})

    assert client_ip(request) == "198.51.100.7"


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.50", headers={"x-forwarded-for": "198.51.100.7"})

    assert client_ip(request) == "203.0.113.50"


def test_behind_an_appending_proxy_the_right_most_address_counts_not_a_forged_one(rf):
    request = rf.get("/", REMOTE_ADDR=PROXY, headers={"x-forwarded-for": "192.0.2.1, 198.51.100.7"})

    assert client_ip(request) == "198.51.100.7"


@pytest.mark.django_db
def test_lockout_through_a_trusted_proxy_locks_only_the_forwarded_client(client):
    make_reviewer()
    for _attempt in range(LIMIT):
        log_in(client, "wrong", peer=PROXY, forwarded="198.51.100.7")

    locked = log_in(client, PASSWORD, peer=PROXY, forwarded="198.51.100.7")
    elsewhere = log_in(client, PASSWORD, peer=PROXY, forwarded="198.51.100.8")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_a_forged_header_from_an_untrusted_peer_does_not_escape_the_lockout(client):
    make_reviewer()
    for attempt in range(LIMIT):
        log_in(client, "wrong", peer="203.0.113.50", forwarded=f"192.0.2.{attempt}")

    response = log_in(client, PASSWORD, peer="203.0.113.50", forwarded="192.0.2.99")

    assert response.status_code == 429


@pytest.mark.django_db
def test_the_lockout_page_says_how_long_in_the_site_layout_and_is_never_stored(client):
    make_reviewer()
    for _attempt in range(LIMIT):
        log_in(client, "wrong", peer=PROXY, forwarded="198.51.100.7")

    response = log_in(client, PASSWORD, peer=PROXY, forwarded="198.51.100.7")

    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in html
    assert "15 minutes" in html
    assert "Skip to main content" in html
    assert response["Cache-Control"] == "no-store"
    assert response["Retry-After"] == "900"
