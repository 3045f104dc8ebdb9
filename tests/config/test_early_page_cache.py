"""An anonymous visitor's cached page is answered before sessions, CSRF, authentication and
routing run, with the same headers as the page its view serves. Swept over every public page
the sitemap lists, plus the lists and the search."""

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from tests.editorial.clinicians import make_reviewer

pytestmark = pytest.mark.django_db

# Every header a page's view sends that is not about the moment it was made.
COMPARED = (
    "Content-Type",
    "Cache-Control",
    "ETag",
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Strict-Transport-Security",
)
LISTS = ["/", "/conditions/", "/exercises/", "/guides/", "/running-factors/", "/search/?q=leg"]


def public_pages(client):
    """Every page in the sitemap but the questionnaire's start page (kept in process memory
    by triage.live.pages, not in the page cache), with the lists and a search."""
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = [loc.split("</loc>")[0] for loc in sitemap.split("<loc>")[1:]]
    paths = ["/" + location.split("://", 1)[1].split("/", 1)[1] for location in locations]
    return LISTS + [path for path in paths if not path.startswith("/check/")]


def headers(response):
    return {name: response.get(name) for name in COMPARED}


def differences(first, second):
    return {name: (first[name], second[name]) for name in COMPARED if first[name] != second[name]}


def early_hit(client, url):
    """(the view's response that stored the page, the next response). A page with a query
    string is stored the second time it is asked for (``core.caching.worth_caching``)."""
    if "?" in url:
        client.get(url, secure=True)
    served = client.get(url, secure=True)
    again = client.get(url, secure=True)
    return served, again


@pytest.mark.usefixtures("seed")
def test_every_cached_public_page_is_answered_early_with_the_headers_its_view_sends():
    client = Client()
    pages = public_pages(client)
    assert len(pages) > 20
    for url in pages:
        served, again = early_hit(client, url)
        assert served.status_code == again.status_code == 200, url
        assert not hasattr(again.wsgi_request, "session"), f"{url} reached the view again"
        assert not differences(headers(served), headers(again)), url
        assert again.content == served.content, url


def test_the_sweep_sees_a_page_served_before_the_security_headers_are_added():
    moved = ["core.caching.CachedPageMiddleware"] + [
        name for name in django_settings.MIDDLEWARE if name != "core.caching.CachedPageMiddleware"
    ]
    client = Client()
    with override_settings(MIDDLEWARE=moved):
        served, again = early_hit(client, "/conditions/")

    assert "Permissions-Policy" in differences(headers(served), headers(again))


def test_an_early_hit_runs_no_database_query(client, django_assert_num_queries):
    client.get("/conditions/")

    with django_assert_num_queries(0):
        response = client.get("/conditions/")

    assert response.status_code == 200


def test_an_unchanged_page_is_answered_early_with_a_304(client):
    etag = client.get("/conditions/")["ETag"]

    response = client.get("/conditions/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert not hasattr(response.wsgi_request, "session")


def test_a_visitor_with_a_session_is_served_by_the_view_as_before(client):
    client.get("/conditions/")
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "not-a-session"

    response = client.get("/conditions/")

    assert response.status_code == 200
    assert hasattr(response.wsgi_request, "session")


def test_signed_in_staff_never_get_the_cached_page(client):
    client.get("/conditions/")
    client.force_login(make_reviewer())

    response = client.get("/conditions/")

    assert "private" in response["Cache-Control"]


def test_a_miss_reads_the_cache_once_so_a_hung_cache_is_waited_on_once(client, monkeypatch):
    from django.core.cache import cache

    reads = []
    real = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or real(keys))

    assert client.get("/conditions/").status_code == 200

    assert len(reads) == 1


def test_an_address_the_page_cache_never_holds_costs_no_early_cache_read(client, monkeypatch):
    from django.core.cache import cache

    reads = []
    real = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or real(keys))

    for _ in range(3):
        assert client.get("/admin/login/").status_code == 200

    assert reads == []


def cache_calls(monkeypatch):
    """Every read of the shared cache, as (method, keys)."""
    from django.core.cache import cache

    calls = []
    for name in ("get", "get_many"):
        real = getattr(cache, name)

        def spy(keys, *args, _real=real, _name=name, **kwargs):
            calls.append((_name, keys))
            return _real(keys, *args, **kwargs)

        monkeypatch.setattr(cache, name, spy)
    return calls


def test_a_hit_from_this_processs_copy_reads_only_the_content_version(
    client, monkeypatch, settings
):
    from core.caching import VERSION_KEY

    settings.PAGE_VERSION_CHECK_SECONDS = 0
    client.get("/conditions/")
    calls = cache_calls(monkeypatch)

    response = client.get("/conditions/")

    assert response.status_code == 200
    assert calls == [("get", VERSION_KEY)]


def test_hits_within_the_check_interval_read_nothing_from_the_shared_cache(
    client, monkeypatch, settings
):
    settings.PAGE_VERSION_CHECK_SECONDS = 60
    client.get("/conditions/")
    client.get("/conditions/")
    calls = cache_calls(monkeypatch)

    statuses = [client.get("/conditions/").status_code for _ in range(5)]

    assert statuses == [200] * 5
    assert calls == []


def test_a_change_made_by_another_process_is_seen_once_the_check_interval_has_passed(
    client, monkeypatch, settings
):
    from django.core.cache import cache

    from core import caching

    settings.PAGE_VERSION_CHECK_SECONDS = 5
    now = [1000.0]
    monkeypatch.setattr(caching.version_seen, "__defaults__", (lambda: now[0],))
    client.get("/conditions/")
    client.get("/conditions/")
    cache.incr(caching.VERSION_KEY)  # another process published: this one is not told

    now[0] += 4
    within = client.get("/conditions/")
    now[0] += 2
    after = client.get("/conditions/")

    assert not hasattr(within.wsgi_request, "session")  # still this process's copy
    assert hasattr(after.wsgi_request, "session")  # the view ran: the page is made again


@pytest.mark.usefixtures("seed")
def test_a_publish_is_seen_on_the_next_request_though_the_process_has_a_copy(client):
    from conditions.models import Condition
    from core.caching import bump_content_version

    before = client.get("/conditions/").content.decode()
    condition = Condition.objects.published().first()
    Condition.objects.filter(pk=condition.pk).update(summary="A summary changed a moment ago.")
    bump_content_version()

    after = client.get("/conditions/").content.decode()

    assert "A summary changed a moment ago." not in before
    assert "A summary changed a moment ago." in after


def test_a_copy_is_served_as_a_response_of_its_own_each_time(client):
    first = client.get("/conditions/")
    second = client.get("/conditions/")
    third = client.get("/conditions/")

    assert second is not third
    assert second.content == third.content == first.content
