"""An installation made before the editorial app migrates with nothing lost: live items stay
live, shared rows stay shown, and the old change history becomes revisions."""

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

    OLD = [("conditions", "0004_clinical_roles"), ("exercises", "0002_publish_permission"),
           ("triage", "0001_initial")]
    executor = MigrationExecutor(connection)
    # The migrations as first written, not the squashes a new database would take
    executor.loader = MigrationLoader(connection, replace_migrations=False)
    executor.migrate(OLD)
    old = executor.loader.project_state(OLD).apps
    day = datetime.date(2026, 1, 5)
    review = dict(last_reviewed=day, next_review_due=day.replace(year=2027),
                  reviewed_by="Old reviewer")
    Condition = old.get_model("conditions", "Condition")
    Symptom = old.get_model("conditions", "Symptom")
    Link = old.get_model("conditions", "ConditionSymptom")
    History = old.get_model("conditions", "HistoricalCondition")
    Exercise = old.get_model("exercises", "Exercise")
    CE = old.get_model("exercises", "ConditionExercise")
    condition = Condition.objects.create(
        name="Facet joint pain", slug="facet", summary="S", what_it_is="W",
        why_runners_get_it="Y", symptoms_text="T", treatment_text="R", prevention_text="P",
        when_to_seek_help="H", status="published", **review)
    symptom = Symptom.objects.create(name="Ache", slug="ache")
    Link.objects.create(condition=condition, symptom=symptom, typicality="common", order=1)
    exercise = Exercise.objects.create(
        name="Cobra", slug="cobra", summary="S", purpose="P", body_area="lower-back",
        difficulty="easy", frequency="Daily", easier="E", harder="H", cautions="C",
        status="published", **review)
    CE.objects.create(condition=condition, exercise=exercise, phase="early", reason="R", order=1)
    for index, summary in enumerate(["First summary", "Second summary"]):
        History.objects.create(
            id=condition.pk, name="Facet joint pain", slug="facet", summary=summary,
            what_it_is="W", why_runners_get_it="Y", symptoms_text="T", treatment_text="R",
            prevention_text="P", when_to_seek_help="H", status="published",
            created=django.utils.timezone.now(), updated=django.utils.timezone.now(),
            history_date=django.utils.timezone.now(), history_type="~" if index else "+",
            history_change_reason="Edited" if index else None, **review)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from conditions.models import Condition, Symptom
    from exercises.models import ConditionExercise
    from reversion.models import Version
    live = Condition.objects.get(slug="facet")
    versions = Version.objects.get_for_object(live).order_by("revision__date_created")
    print(json.dumps({
        "condition_status": live.status,
        "symptom_status": Symptom.objects.get(slug="ache").status,
        "links": ConditionExercise.objects.filter(condition=live).count(),
        "symptom_links": live.conditionsymptom_set.count(),
        "history": [v.field_dict["summary"] for v in versions],
        "comments": [v.revision.comment for v in versions],
    }))
    """
)


def test_existing_content_and_history_survive_the_migration(tmp_path):
    env = clean_env(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'old.sqlite3'}")

    done = run_python(SCRIPT, env=env, timeout=300)

    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["condition_status"] == "published"
    assert found["symptom_status"] == "published"
    assert found["links"] == 1
    assert found["symptom_links"] == 1
    assert found["history"] == ["First summary", "Second summary"]
    assert found["comments"] == ["Created (from the earlier history)", "Edited"]
