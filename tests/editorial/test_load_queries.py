"""Loading the seed content asks the database a bounded number of questions.

A bound on queries, not on time: ``load_content`` finds each natural key's row once per load
(``editorial.natural_keys``) and reads what the items' revisions keep for all items at once
(``workflow.read_for_revisions``). Asking row by row again, as Django's deserializer does,
takes the first load past 7,000 queries and the second past 3,000.
"""

import hashlib
import inspect
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.serializers.python import Deserializer as PythonDeserializer

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


# Django 5.2's PythonDeserializer._handle_object, which editorial.natural_keys copies line for
# line but for the object's construction.
DJANGO_HANDLE_OBJECT_SHA256 = "594cfb326e5d0f410565f18f164d8ba39daeb374f75b19f65efaa0bf9926198e"


def test_the_deserializer_step_copied_from_django_is_still_the_one_django_runs():
    """A Django upgrade that changes it fails here: compare the copy in
    ``editorial.natural_keys._FromKnownRows._handle_object`` with the new one, then update the
    hash."""
    source = inspect.getsource(PythonDeserializer._handle_object)

    assert hashlib.sha256(source.encode()).hexdigest() == DJANGO_HANDLE_OBJECT_SHA256
