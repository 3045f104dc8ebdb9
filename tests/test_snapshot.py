"""The ``content`` fixture: tests on a transactional database get the seed content back exactly."""

from editorial.models import Source
from tests.factories import SourceFactory
from tests.snapshot import Snapshot


def rows_by_table(snapshot):
    return {table: sorted(rows, key=repr) for table, (_, rows) in snapshot.tables.items()}


def test_the_content_fixture_restores_every_row_of_the_seed_content(seed, content):
    assert rows_by_table(Snapshot()) == rows_by_table(seed)


def test_rows_added_after_a_restore_get_keys_beyond_the_restored_ones(content):
    highest = max(Source.objects.values_list("pk", flat=True))

    assert SourceFactory().pk > highest
