import pytest


@pytest.fixture(autouse=True)
def no_lookup_limit(settings):
    """These tests click through weeks of sessions in seconds, far faster than the limit on
    look-ups of a result's address; ``test_log`` checks that the log pages count against it."""
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 0
