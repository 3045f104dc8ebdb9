import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed content once into the test database; each test rolls back on top of it.

    Tests that need a transactional database (the browser tests) start from an empty one
    and load the content themselves with the ``content`` fixture.
    """
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture
def content(transactional_db):
    """The seed content, for tests whose database is emptied between tests."""
    call_command("load_content", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    cache.clear()
    yield
    cache.clear()
