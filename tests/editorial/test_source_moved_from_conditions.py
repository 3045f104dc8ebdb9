"""An installation made while sources belonged to the conditions app keeps every source, its
revisions, its admin history and the roles' permissions on it after the move to editorial, and
can go back."""

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

    BEFORE = [("conditions", "0007_condition_pictures"), ("editorial", "0001_sign_offs_without_login_names")]

    def migrate(targets):
        executor = MigrationExecutor(connection)
        # The migrations as first written, not the squashes a new database would take
        executor.loader = MigrationLoader(connection, replace_migrations=False)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def source_type(apps):
        ContentType = apps.get_model("contenttypes", "ContentType")
        return list(ContentType.objects.filter(model="source").values_list("app_label", flat=True))

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    old = migrate(BEFORE)
    # What an installation of that time holds: a source, its revision, an admin log entry.
    ContentType = old.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="conditions", model="source")
    ContentType.objects.filter(app_label="editorial", model="source").delete()
    Source = old.get_model("conditions", "Source")
    source = Source.objects.create(
        key="old-article", title="An old article", author="A", publisher="P",
        accessed=datetime.date(2026, 1, 5), status="published")
    Revision = old.get_model("reversion", "Revision")
    Version = old.get_model("reversion", "Version")
    revision = Revision.objects.create(date_created=django.utils.timezone.now(), comment="Loaded")
    data = [{"model": "conditions.source", "pk": source.pk, "fields": {
        "status": "published", "key": "old-article", "title": "An old article", "author": "A",
        "publisher": "P", "url": "", "accessed": "2026-01-05", "created": "2026-01-05T00:00:00Z",
        "updated": "2026-01-05T00:00:00Z", "edit_version": 0, "review_request": "",
        "review_note": "", "review_comment": "", "draft_of": None, "submitted_by": None}}]
    Version.objects.create(revision=revision, object_id=str(source.pk), content_type=kind,
                           db="default", format="json", serialized_data=json.dumps(data),
                           object_repr="An old article")
    from django.contrib.admin.models import LogEntry  # unchanged by the move
    from django.contrib.auth.models import User
    user = User.objects.create(username="editor")
    LogEntry.objects.create(user=user, content_type_id=kind.pk, object_id=str(source.pk),
                            object_repr="An old article", action_flag=2)
    before = source_type(old)

    new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    from reversion.models import Version
    from editorial.models import Source
    from editorial.roles import sync_role_permissions
    sync_role_permissions()  # what migrate's post_migrate does
    moved = Source.objects.get(key="old-article")
    moved.title = "Changed since"
    moved.save()
    version = Version.objects.get_for_object(moved).get()
    version.revision.revert()
    from django.contrib.auth.models import Group
    after = {
        "types": source_type(new),
        "title_after_revert": Source.objects.get(key="old-article").title,
        "log": LogEntry.objects.get().content_type.app_label,
        "reviewer_may_publish": Group.objects.get(name="Clinical reviewer").permissions.filter(
            content_type__app_label="editorial", codename="publish_source").exists(),
    }
    back = migrate(BEFORE)
    after["types_back"] = source_type(back)
    after["serialized_back"] = json.loads(
        back.get_model("reversion", "Version").objects.get().serialized_data)[0]["model"]
    print(json.dumps({"before": before, **after}))
    """
)


def test_sources_revisions_and_history_move_to_editorial_and_back(tmp_path):
    env = clean_env(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'old.sqlite3'}")

    done = run_python(SCRIPT, env=env, timeout=300)

    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "before": ["conditions"],
        "types": ["editorial"],
        "title_after_revert": "An old article",
        "log": "editorial",
        "reviewer_may_publish": True,
        "types_back": ["conditions"],
        "serialized_back": "conditions.source",
    }
