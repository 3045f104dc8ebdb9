"""The public page cache keys only canonical URLs, and pages with a query string are bounded."""

import pytest
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_save
from django.test import Client
from factory.django import mute_signals

from core import caching
from tests.editorial.clinicians import make_reviewer
from tests.factories import ConditionFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_query_parameter_is_redirected_to_the_canonical_url(client):
    url = ConditionFactory().get_absolute_url()

    response = client.get(url + "?utm_source=newsletter&x=1")

    assert response.status_code == 301
    assert response["Location"] == url


def test_unknown_parameters_are_dropped_and_the_ones_the_page_reads_kept(client):
    response = client.get("/search/?q=tingling+leg&fbclid=abc")

    assert response.status_code == 301
    assert response["Location"] == "/search/?q=tingling+leg"


def test_a_canonical_url_with_its_own_parameters_is_stored_once_it_is_asked_for_again(
    client, django_assert_num_queries
):
    url = f"/exercises/?condition={ConditionFactory().slug}&difficulty=easy"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_a_search_asked_for_once_is_not_stored(client):
    client.get("/search/?q=tingling+leg")

    assert cache.get(caching.cache_key("http://testserver/search/?q=tingling+leg")) is None
    assert caching.local_copy("http://testserver/search/?q=tingling+leg") is None


def test_a_search_asked_for_once_neither_reads_nor_writes_the_page_cache(client, monkeypatch):
    calls = []
    for name in ("get", "get_many", "set"):
        real = getattr(caching.cache, name)

        def record(key, *args, name=name, real=real, **kwargs):
            if any(each.startswith("page") for each in ([key] if isinstance(key, str) else key)):
                calls.append(name)
            return real(key, *args, **kwargs)

        monkeypatch.setattr(caching.cache, name, record)

    assert client.get("/search/?q=tingling+leg").status_code == 200
    assert calls == []
    client.get("/search/?q=tingling+leg")
    assert calls[0] == "get_many" and calls[-1] == "set"  # looked for, then stored


def test_a_page_without_a_query_string_is_stored_the_first_time(client):
    url = ConditionFactory().get_absolute_url()

    client.get(url)

    assert caching.local_copy(f"http://testserver{url}") is not None


def test_the_addresses_asked_for_once_are_bounded(monkeypatch):
    monkeypatch.setattr(caching, "ASKED_ONCE_MAX", 10)

    stored = [caching.worth_caching(f"http://testserver/search/?q=x{n}") for n in range(50)]

    assert not any(stored)
    assert len(caching._asked_once) == 10
    assert caching.worth_caching("http://testserver/search/?q=x49")  # among the last ten
    assert not caching.worth_caching("http://testserver/search/?q=x0")  # long forgotten


def test_any_number_of_distinct_queries_uses_a_bounded_number_of_cache_keys():
    keys = {caching.cache_key(f"/search/?q=back+pain+x{n}") for n in range(20000)}

    assert len(keys) <= caching.QUERY_PAGE_SLOTS


def test_two_queries_sharing_a_slot_each_get_their_own_page(client, monkeypatch):
    monkeypatch.setattr(caching, "QUERY_PAGE_SLOTS", 1)
    client.get("/search/?q=sciatica")

    piriformis = client.get("/search/?q=piriformis").content.decode()
    sciatica = client.get("/search/?q=sciatica").content.decode()

    assert 'value="piriformis"' in piriformis
    assert 'value="sciatica"' in sciatica
    assert 'value="piriformis"' not in sciatica


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_public_pages_may_be_kept_by_caches_but_must_be_revalidated(client):
    response = client.get(ConditionFactory().get_absolute_url())

    assert directives(response) == {"public", "max-age=0", "must-revalidate"}
    assert response["ETag"]


def test_the_public_max_age_is_a_setting(client, settings):
    settings.PUBLIC_PAGE_MAX_AGE = 60

    assert "max-age=60" in directives(client.get(ConditionFactory().get_absolute_url()))


def test_a_cached_hit_carries_the_same_cache_control(client):
    url = ConditionFactory().get_absolute_url()
    client.get(url)

    assert "must-revalidate" in client.get(url)["Cache-Control"]


def test_pages_for_signed_in_staff_are_private():
    staff = Client()
    staff.force_login(make_reviewer())

    response = staff.get(ConditionFactory().get_absolute_url())

    assert "private" in response["Cache-Control"]


def test_an_entry_stored_by_an_earlier_release_in_another_shape_is_a_miss(client):
    condition = ConditionFactory()
    url = condition.get_absolute_url()
    cache.set(caching.cache_key(url), (1, "an older release's page"))

    response = client.get(url)

    assert response.status_code == 200
    assert condition.name in response.content.decode()


def test_a_content_change_makes_pages_stale_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    """A page another process cached between the save and the commit held the old rows."""
    with mute_signals(post_save, m2m_changed):  # no on-commit work left over from making it
        condition = ConditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        condition.summary = "Changed."
        condition.save()
        condition.name = "Changed again."
        condition.save()
        during = caching.content_version()

    assert caching.content_version() != during


def test_a_transaction_of_many_content_changes_bumps_the_version_once_more_on_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(5):
            ConditionFactory()

    assert callbacks.count(caching.bump_content_version) == 1
