import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings

from tests import template_comparisons
from tests.snapshot import Snapshot


@pytest.fixture(scope="session", autouse=True)
def seed_media_root(tmp_path_factory):
    """The uploads storage of the test session: a folder of its own, where loading the seed
    puts the seed's pictures (never the project's media/)."""
    folder = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=folder):
        yield folder


@pytest.fixture(scope="session")
def seed(django_db_setup, django_db_blocker, seed_media_root):
    """The shipped content (``load_content``), for the tests about it: loaded once per test
    process, the first time a selected test asks for it; each test rolls back on top of it.

    Every other database test gets an empty database (the migrations' rows only) and makes its
    own data with tests/factories.py: ``pytest_collection_modifyitems`` below runs them before
    the seed is loaded. A copy of the rows is kept for ``content``.
    """
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)
        return Snapshot()


@pytest.fixture
def content(seed, transactional_db):
    """The seed content, for tests whose database is emptied between tests (the browser tests)."""
    seed.restore()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tests that use the seed after the others, so those find an empty database; among
    them the ``slow`` ones (minutes each) first, so that under ``-n`` they start while the other
    processes still have plenty to do, instead of running alone at the end.

    Runs before pytest-django's own (stable) sort, which then puts the database tests first and
    the transactional ones after them: the seed order holds within each group.
    """
    items.sort(
        key=lambda item: ("seed" in item.fixturenames, item.get_closest_marker("slow") is None)
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (and no remembered live questionnaire), so cached
    pages never leak between tests."""
    from core.caching import forget_local_pages, local_pages
    from core.redis_client import REDIS
    from triage.questionnaire.live_version import reset_live_questionnaire

    # Redis answers again for this test (a test that hung it leaves this process resting
    # from it, and clearing would be skipped).
    REDIS.since = REDIS.last_failure = None
    REDIS.failures = 0
    for each in caches.all():
        each.clear()
    local_pages().clear()
    forget_local_pages()
    reset_live_questionnaire()
    yield
    REDIS.since = REDIS.last_failure = None
    REDIS.failures = 0
    for each in caches.all():
        each.clear()
    local_pages().clear()
    forget_local_pages()
    reset_live_questionnaire()


def pytest_configure(config):
    template_comparisons.watch()


@pytest.fixture(autouse=True)
def no_template_compares_two_missing_values():
    """Fails a test whose pages ran an ``{% if a == b %}`` with both sides None
    (``tests/template_comparisons.py``)."""
    template_comparisons.both_none.clear()
    yield
    assert template_comparisons.both_none == [], "a template compared two missing values"
