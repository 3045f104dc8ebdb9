"""A publish is seen by every app server process on its next request once
PAGE_VERSION_CHECK_SECONDS (0.25 s) have passed, with Redis and without it."""

import pytest

from tests.helpers import migrated_production_env, run_python
from tests.postgres import require_redis, throwaway_database
from tests.servers import HTTPS, fetch, gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.stack]

PUBLISH = """
import django
django.setup()
from django.contrib.auth import get_user_model
from conditions.models import Condition
from editorial import workflow
from editorial.roles import REVIEWER
from django.contrib.auth.models import Group
users = get_user_model().objects
editor = users.create_user("editor-x", is_staff=True)
reviewer = users.create_user("reviewer-x", is_staff=True)
reviewer.groups.add(Group.objects.get(name=REVIEWER))
draft = workflow.open_working_draft(Condition.objects.get(slug="facet-joint-pain"), by=editor)
draft.summary = "Published from another process."
draft.save()
workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft))
"""


@pytest.mark.parametrize("with_redis", [False, True], ids=["no-redis", "redis"])
def test_every_worker_shows_a_publish_on_its_next_request(with_redis):
    extra = {"REDIS_URL": require_redis(db=10)} if with_redis else {}
    with throwaway_database() as (_, database_url):
        env = migrated_production_env(
            **extra, DATABASE_URL=database_url, WEB_CONCURRENCY="2", GUNICORN_THREADS="2"
        )
        with gunicorn(env) as server:
            url = f"{server.base}/conditions/facet-joint-pain/"
            for _ in range(12):  # both workers render and cache the page
                assert fetch(url, HTTPS)[0] == 200
            done = run_python(PUBLISH, env=env)
            assert done.returncode == 0, done.stderr

            bodies = [fetch(url, HTTPS)[2] for _ in range(12)]

        assert len(server.worker_pids) in (0, 2)
        assert all(b"Published from another process." in body for body in bodies)
