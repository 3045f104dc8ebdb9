"""The Content-Security-Policy header built once per process (config.middleware)."""

from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from config.middleware import SitePolicyCSPMiddleware


def plain_view(request):
    return HttpResponse("ok")


@csp_update({"img-src": "https://images.example"})
def view_with_more_images(request):
    return HttpResponse("ok")


def header(middleware_class, view):
    request = RequestFactory().get("/")
    middleware = middleware_class(view)
    return middleware(request)["Content-Security-Policy"]


def test_a_plain_response_gets_the_same_policy_django_csp_builds():
    assert header(SitePolicyCSPMiddleware, plain_view) == header(CSPMiddleware, plain_view)


def test_a_view_that_changes_the_policy_still_gets_its_change():
    policy = header(SitePolicyCSPMiddleware, view_with_more_images)

    assert "https://images.example" in policy
    assert policy == header(CSPMiddleware, view_with_more_images)


def test_a_changed_setting_changes_the_header():
    header(SitePolicyCSPMiddleware, plain_view)

    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        policy = header(SitePolicyCSPMiddleware, plain_view)

    assert policy == "default-src 'none'"
