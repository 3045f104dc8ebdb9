"""The site's CSP middleware builds the policy in settings once, and gives every response the
header django-csp's own middleware gives it: a sweep over the kinds of response django-csp
treats apart (its decorators, a nonce, debug error pages, report-only and excluded paths)."""

import itertools

import pytest
from csp import middleware as csp_middleware
from csp.constants import NONCE
from csp.decorators import csp, csp_exempt, csp_replace, csp_update
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core import middleware
from core.middleware import CSPMiddleware

SITE = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
    }
}


def plain(request):
    return HttpResponse("ok")


def not_found(request):
    return HttpResponse("missing", status=404)


def uses_nonce(request):
    request._csp_nonce = "the-same-for-both"  # django-csp's own store: no random nonce
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


def already_set(request):
    response = HttpResponse("ok")
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


VIEWS = {
    "plain": plain,
    "404": not_found,
    "nonce": uses_nonce,
    "header already set": already_set,
    "csp_update": csp_update({"img-src": "https://images.example"})(plain),
    "csp_replace": csp_replace({"img-src": ["'none'"]})(plain),
    "csp": csp({"default-src": ["'none'"]})(plain),
    "csp_exempt": csp_exempt()(plain),
    "csp_update report-only": csp_update({"img-src": "https://x.example"}, REPORT_ONLY=True)(plain),
}
SETTINGS = {
    "site policy": {"CONTENT_SECURITY_POLICY": SITE},
    "debug": {"CONTENT_SECURITY_POLICY": SITE, "DEBUG": True},
    "report-only too": {
        "CONTENT_SECURITY_POLICY": SITE,
        "CONTENT_SECURITY_POLICY_REPORT_ONLY": {"DIRECTIVES": {"default-src": ["'none'"]}},
    },
    "excluded paths": {"CONTENT_SECURITY_POLICY": {**SITE, "EXCLUDE_URL_PREFIXES": ["/ex"]}},
    "no policy": {"CONTENT_SECURITY_POLICY": None},
}
HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")


def headers(middleware_class, view, path):
    request = RequestFactory().get(path)
    response = middleware_class(view)(request)
    return {name: response.get(name) for name in HEADERS}


@pytest.mark.parametrize(
    ("view", "setting", "path"),
    list(itertools.product(VIEWS, SETTINGS, ["/", "/ex/page/"])),
)
def test_every_response_gets_the_headers_django_csp_gives_it(view, setting, path):
    with override_settings(**SETTINGS[setting]):
        ours = headers(CSPMiddleware, VIEWS[view], path)
        theirs = headers(csp_middleware.CSPMiddleware, VIEWS[view], path)

    assert ours == theirs


def test_the_site_policy_is_built_once(monkeypatch):
    built = []
    monkeypatch.setattr(middleware, "build_policy", lambda: built.append(1) or "default-src 'self'")
    middleware.site_policy.cache_clear()

    for _ in range(3):
        headers(CSPMiddleware, plain, "/")

    assert len(built) == 1
    middleware.site_policy.cache_clear()


def test_a_changed_setting_changes_the_header():
    headers(CSPMiddleware, plain, "/")

    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        changed = headers(CSPMiddleware, plain, "/")

    assert changed["Content-Security-Policy"] == "default-src 'none'"
    assert headers(CSPMiddleware, plain, "/")["Content-Security-Policy"] != "default-src 'none'"


def test_a_nonce_asked_for_after_the_response_is_an_error():
    request = RequestFactory().get("/")
    CSPMiddleware(plain)(request)

    with pytest.raises(csp_middleware.CSPNonceError):
        str(request.csp_nonce)
