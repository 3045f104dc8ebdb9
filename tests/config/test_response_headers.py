"""Every class of response carries the security headers, whichever layer produced it."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.editorial.clinicians import PASSWORD, make_reviewer

pytestmark = pytest.mark.django_db


def ok(client):
    return client.get("/", secure=True)


def health(client):
    return client.get("/healthz", secure=True)


def bad_host(client):
    return client.get("/", secure=True, headers={"host": "evil.example"})


def csrf_refused(client):
    return Client(enforce_csrf_checks=True).post("/check/", {"consent": "on"}, secure=True)


def fhir_json(client):
    return client.get("/fhir/Questionnaire/1", secure=True)


def not_found(client):
    return client.get("/no-such-page/", secure=True)


def locked_out(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 1
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    make_reviewer()
    form = {"username": "reviewer", "password": "wrong"}
    client.post(reverse("admin:login"), form, secure=True)
    return client.post(reverse("admin:login"), {**form, "password": PASSWORD}, secure=True)


def server_error(client):
    with mock.patch("conditions.selectors.red_flags_by_level", side_effect=RuntimeError("bug")):
        return Client(raise_request_exception=False).get("/", secure=True)


def database_down(client):
    with mock.patch(
        "conditions.selectors.red_flags_by_level", side_effect=OperationalError("gone")
    ):
        return client.get("/", secure=True)


RESPONSES = {
    200: ok,
    "healthz": health,
    "fhir": fhir_json,
    400: bad_host,
    403: csrf_refused,
    404: not_found,
    429: locked_out,
    500: server_error,
    503: database_down,
}


@pytest.fixture(params=RESPONSES, ids=str)
def response(request, client, settings):
    make = RESPONSES[request.param]
    made = make(client, settings) if make is locked_out else make(client)
    expected = 200 if request.param in ("healthz", "fhir") else request.param
    assert made.status_code == expected
    return made


@pytest.mark.usefixtures("seed")
def test_every_response_forbids_sniffing_framing_and_cross_origin_use(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.usefixtures("seed")
def test_every_response_has_a_content_security_policy(response):
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


SITE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEALTH_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"


def directives(policy):
    return sorted(part.strip() for part in policy.split(";"))


@pytest.mark.usefixtures("seed")
def test_every_response_has_exactly_the_sites_policy(response, request):
    expected = HEALTH_POLICY if request.node.callspec.id == "healthz" else SITE_POLICY

    assert directives(response["Content-Security-Policy"]) == directives(expected)


@pytest.mark.usefixtures("seed")
def test_every_response_switches_off_unused_browser_features(response):
    policy = response["Permissions-Policy"]

    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.usefixtures("seed")
def test_every_response_over_https_sends_hsts(response):
    assert "max-age=31536000" in response["Strict-Transport-Security"]


@pytest.mark.usefixtures("seed")
def test_only_published_fhir_definitions_may_be_read_by_other_origins(response, request):
    """The questionnaire's public definitions answer any origin (CORS) and may be cached
    briefly; nothing else does (result downloads: tests/triage/test_fhir_export.py)."""
    if request.node.callspec.params["response"] == "fhir":
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "public, max-age=300"
    else:
        assert "Access-Control-Allow-Origin" not in response
