"""Loading the seed content asks the database a bounded number of questions.

A bound on queries, not on time: ``load_content`` finds each natural key's row once per load
(``editorial.natural_keys``) and reads what the items' revisions keep for all items at once
(``workflow.read_for_revisions``). Asking row by row again, as Django's deserializer does,
takes the first load past 7,000 queries and the second past 3,000.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from conditions.models import Condition

pytestmark = pytest.mark.django_db


def test_loading_the_seed_into_an_empty_database_then_again_stays_within_budget(
    django_assert_max_num_queries, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the pictures go to a storage of this test's own
    assert not Condition.objects.exists()

    with django_assert_max_num_queries(3000):  # 2,717 when written
        call_command("load_content", stdout=StringIO())
    with django_assert_max_num_queries(1000):  # 890 when written
        call_command("load_content", stdout=StringIO())

    assert Condition.objects.exists()
