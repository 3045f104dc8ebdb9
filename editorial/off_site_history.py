"""Used by the migrations that added ``taken_off_at``, ``taken_off_by`` and ``taken_off_reason``
(``editorial.models.Publishable``): what was taken off the site, or a questionnaire version
replaced, before those fields existed gets them from its revisions, so it is listed as off the
site and a replaced version is kept as it was (``triage.questionnaire.versions.is_editable``).
Revisions kept no reason for an earlier removal, so none is recorded."""

import json

from django.conf import settings

from editorial.review import UNNAMED_STAFF
from editorial.roles import EDITOR, REVIEWER

TAKEN_OFF = "Taken off the site"


def signature(user):
    """``review.reviewer_label`` for a user of the migration state (which has no methods)."""
    if user is None:
        return ""
    roles = set(user.groups.values_list("name", flat=True))
    role = next((name for name in (REVIEWER, EDITOR) if name in roles), None)
    name = f"{user.first_name} {user.last_name}".strip()
    if name:
        return f"{name} ({role.lower()})" if role else name
    return role or str(UNNAMED_STAFF)


def versions_of(apps, db, app_label, model_name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    kind = ContentType.objects.using(db).filter(app_label=app_label, model=model_name).first()
    if kind is None:
        return Version.objects.none()
    return (
        Version.objects.using(db)
        .filter(content_type=kind)
        .select_related("revision")
        .order_by("revision__date_created", "pk")
    )


def record_earlier_removals(app_label, model_names):
    """A RunPython function: each row of ``model_names`` off the site is given when and by
    whom from its last "Taken off the site" revision."""

    def run(apps, schema_editor):
        db = schema_editor.connection.alias
        User = apps.get_model(settings.AUTH_USER_MODEL)
        for name in model_names:
            model = apps.get_model(app_label, name)
            rows = {
                str(row.pk): row
                for row in model.objects.using(db).filter(
                    status="draft", draft_of__isnull=True, taken_off_at__isnull=True
                )
            }
            removals = versions_of(apps, db, app_label, name.lower()).filter(
                object_id__in=list(rows), revision__comment__startswith=TAKEN_OFF
            )
            last = {version.object_id: version.revision for version in removals}
            for pk, revision in last.items():
                row = rows[pk]
                row.taken_off_at = revision.date_created
                user = User.objects.using(db).filter(pk=revision.user_id).first()
                row.taken_off_by = signature(user)
                model.objects.using(db).filter(pk=row.pk).update(
                    taken_off_at=row.taken_off_at, taken_off_by=row.taken_off_by
                )

    return run


def record_earlier_replacements(apps, schema_editor):
    """Each questionnaire version that was live and is not now was replaced by the next version
    published after it was last live: when, by whom (who published that one) and which."""
    db = schema_editor.connection.alias
    Questionnaire = apps.get_model("triage", "Questionnaire")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    number = dict(Questionnaire.objects.using(db).values_list("pk", "version"))
    live_states = []  # (when, questionnaire pk, user pk): a revision of it while published
    for version in versions_of(apps, db, "triage", "questionnaire"):
        fields = json.loads(version.serialized_data)[0]["fields"]
        if fields.get("status") == "published":
            live_states.append(
                (version.revision.date_created, int(version.object_id), version.revision.user_id)
            )
    former = Questionnaire.objects.using(db).filter(status="draft", taken_off_at__isnull=True)
    for questionnaire in former:
        own = [when for when, pk, _user in live_states if pk == questionnaire.pk]
        if not own:
            continue  # never live
        later = [
            (when, pk, user)
            for when, pk, user in live_states
            if pk != questionnaire.pk and when > max(own)
        ]
        if later:
            when, pk, user_pk = min(later)
            by = signature(User.objects.using(db).filter(pk=user_pk).first())
            reason = f"Replaced by version {number.get(pk, pk)}"
        else:
            when, by, reason = questionnaire.updated, "", "Replaced by a later version"
        Questionnaire.objects.using(db).filter(pk=questionnaire.pk).update(
            taken_off_at=when, taken_off_by=by, taken_off_reason=reason
        )
