import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings

from tests.snapshot import SEED, Snapshot


@pytest.fixture(scope="session", autouse=True)
def seed_media_root(tmp_path_factory):
    """The uploads storage of the test session: a folder of its own, where loading the seed
    puts the seed's pictures (never the project's media/)."""
    folder = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=folder):
        yield folder


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker, seed_media_root):
    """Load the seed content once into the test database; each test rolls back on top of it.

    Tests on a transactional database (the browser tests) see it emptied after each test; a copy
    taken here gives it back to them with the ``content`` fixture.
    """
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)
        request.config.stash[SEED] = Snapshot()


@pytest.fixture
def content(request, transactional_db):
    """The seed content, for tests whose database is emptied between tests."""
    request.config.stash[SEED].restore()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (and no remembered live questionnaire), so cached
    pages never leak between tests."""
    from core.caching import forget_local_pages, local_pages
    from triage.questionnaire.live_version import reset_live_questionnaire

    for each in caches.all():
        each.clear()
    local_pages().clear()
    forget_local_pages()
    reset_live_questionnaire()
    yield
    for each in caches.all():
        each.clear()
    local_pages().clear()
    forget_local_pages()
    reset_live_questionnaire()


# Tests that start servers or whole Django processes (gunicorn, manage.py, a second pytest):
# marked `stack`, so `make test-fast` can leave them to `make test` and CI.
STACK_MODULES = {
    "tests/config/test_faults.py",
    "tests/config/test_gunicorn.py",
    "tests/config/test_health_faults.py",
    "tests/config/test_scale_out.py",
    "tests/config/test_settings.py",
    "tests/config/test_shared_cache.py",
    "tests/config/test_shell_independence.py",
    "tests/config/test_worker_restarts.py",
    "tests/deploy/test_nginx.py",
    "tests/deploy/test_nginx_cache.py",
    "tests/editorial/test_migration_of_existing_data.py",
    "tests/editorial/test_publish_reaches_every_worker.py",
    "tests/exercises/test_rules_migration.py",
    "tests/triage/test_concurrent_finish.py",
}


def pytest_collection_modifyitems(config, items):
    root = config.rootpath
    for item in items:
        if str(item.path.relative_to(root)).replace("\\", "/") in STACK_MODULES:
            item.add_marker(pytest.mark.stack)
