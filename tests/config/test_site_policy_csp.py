"""The Content-Security-Policy header is django-csp's, from CONTENT_SECURITY_POLICY in settings,
and a view changes it with django-csp's own decorators."""

from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from tests.config.test_response_headers import SITE_POLICY, directives


def plain_view(request):
    return HttpResponse("ok")


@csp_update({"img-src": "https://images.example"})
def view_with_more_images(request):
    return HttpResponse("ok")


def header(view):
    return CSPMiddleware(view)(RequestFactory().get("/"))["Content-Security-Policy"]


def test_a_plain_response_gets_the_policy_from_settings():
    assert directives(header(plain_view)) == directives(SITE_POLICY)


def test_a_view_that_changes_the_policy_gets_its_change():
    policy = header(view_with_more_images)

    assert "img-src 'self' data: https://images.example" in policy


def test_a_changed_setting_changes_the_header():
    header(plain_view)

    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        policy = header(plain_view)

    assert policy == "default-src 'none'"
