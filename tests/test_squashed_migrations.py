"""A new database takes the squashed migrations (``replaces``); one that has the original
migrations takes those. Both must end with the same tables, columns, constraints and indexes."""

import json
import textwrap

import pytest

from tests.helpers import clean_env, run_python

pytestmark = pytest.mark.stack

SCRIPT = textwrap.dedent(
    """
    import json, os, django
    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.loader import MigrationLoader

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = MigrationExecutor(connection)
    if os.environ["MIGRATIONS"] == "original":
        executor.loader = MigrationLoader(connection, replace_migrations=False)
    applied = [f"{m.app_label}.{m.name}" for m, _backwards in executor.migration_plan(latest)]
    executor.migrate(latest)

    def constraint(name, spec):
        # SQLite numbers its unnamed foreign keys by column order, which the squash changes
        name = "fk" if name.startswith("fk_") or name.startswith("__unnamed") else name
        return json.dumps([name, spec["columns"], spec["unique"], spec["index"],
                           spec["primary_key"], spec["foreign_key"], spec.get("check")])

    schema = {}
    with connection.cursor() as cursor:
        introspection = connection.introspection
        for table in introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            columns = introspection.get_table_description(cursor, table)
            schema[table] = {
                "columns": sorted(json.dumps([c.name, str(c.type_code), c.null_ok]) for c in columns),
                "constraints": sorted(constraint(n, s) for n, s in
                                      introspection.get_constraints(cursor, table).items()),
            }
    print(json.dumps({"applied": applied, "schema": schema}))
    """
)


def migrated(tmp_path, how):
    database = tmp_path / f"{how}.sqlite3"
    env = clean_env(DEBUG="1", DATABASE_URL=f"sqlite:///{database}", MIGRATIONS=how)
    done = run_python(SCRIPT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_squashed_migrations_make_the_same_schema_as_the_originals(tmp_path):
    original, squashed = migrated(tmp_path, "original"), migrated(tmp_path, "squashed")

    assert "conditions.0001_initial" in original["applied"]
    assert "conditions.0001_initial" not in squashed["applied"]  # the squash instead
    assert squashed["schema"] == original["schema"]
