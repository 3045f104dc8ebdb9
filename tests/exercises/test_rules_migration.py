"""An installation made before exercise rules migrates with its leg cautions kept as rules."""

import json
import textwrap

import pytest

from tests.helpers import clean_env, run_python

pytestmark = pytest.mark.stack

SCRIPT = textwrap.dedent(
    """
    import datetime, json, django
    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.loader import MigrationLoader

    OLD = [("exercises", "0005_suitability")]
    executor = MigrationExecutor(connection)
    # The migrations as first written, not the squashes a new database would take
    executor.loader = MigrationLoader(connection, replace_migrations=False)
    executor.migrate(OLD)
    Exercise = executor.loader.project_state(OLD).apps.get_model("exercises", "Exercise")
    common = dict(summary="S", purpose="P", body_area="nerves", difficulty="easy",
                  frequency="Daily", easier="E", harder="H", cautions="C",
                  last_reviewed=datetime.date(2026, 1, 5),
                  next_review_due=datetime.date(2027, 1, 5))
    Exercise.objects.create(name="Glide", slug="glide", not_while_nerve_symptoms=True,
                            only_with_leg_symptoms=True, **common)
    Exercise.objects.create(name="Bridge", slug="bridge", **common)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from exercises.models import ExerciseRule
    print(json.dumps(sorted(
        [rule.exercise.slug, rule.trait, rule.until] for rule in ExerciseRule.objects.all()
    )))
    """
)


def test_leg_cautions_become_rules_when_an_installation_migrates(tmp_path):
    env = clean_env(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'old.sqlite3'}")

    done = run_python(SCRIPT, env=env, timeout=300)

    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [
        [
            "glide",
            "nerve-symptoms",
            "the tingling, numbness, burning or weakness in your leg has settled",
        ],
        ["glide", "no-leg-symptoms", ""],
    ]
