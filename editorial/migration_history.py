"""Used by the migrations that replaced django-simple-history with django-reversion: each
historical row becomes a revision of the item as it was then, so no history is lost."""

import json

from django.core.serializers.json import DjangoJSONEncoder

HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type"}
KIND = {"+": "Created", "~": "Changed", "-": "Deleted"}


def historical_fields(historical_model, model):
    """The item's own fields as the historical model keeps them: {name: attname}."""
    names = {f.name for f in model._meta.concrete_fields}
    return {
        f.name: f.attname
        for f in historical_model._meta.concrete_fields
        if f.name in names and f.name not in HISTORY_FIELDS
    }


def convert(app_label, model_names):
    """A RunPython function converting the history of ``model_names`` into revisions."""

    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("reversion", "Revision")
        Version = apps.get_model("reversion", "Version")
        db = schema_editor.connection.alias
        for name in model_names:
            model = apps.get_model(app_label, name)
            historical = apps.get_model(app_label, f"Historical{name}")
            kind, _created = ContentType.objects.using(db).get_or_create(
                app_label=app_label, model=name.lower()
            )
            fields = historical_fields(historical, model)
            for record in historical.objects.using(db).order_by("history_date", "history_id"):
                values = {name: getattr(record, attname) for name, attname in fields.items()}
                pk = values.pop("id")
                revision = Revision.objects.using(db).create(
                    date_created=record.history_date,
                    user_id=record.history_user_id,
                    comment=record.history_change_reason
                    or f"{KIND.get(record.history_type, 'Changed')} (from the earlier history)",
                )
                data = [{"model": f"{app_label}.{name.lower()}", "pk": pk, "fields": values}]
                Version.objects.using(db).create(
                    revision=revision,
                    object_id=str(pk),
                    content_type=kind,
                    db=db,
                    format="json",
                    serialized_data=json.dumps(data, cls=DjangoJSONEncoder),
                    object_repr=str(values.get("name") or values.get("title") or pk)[:191],
                )

    return run


def publish_existing(app_label, model_names):
    """Rows that were shown before drafts existed stay shown: mark them published."""

    def run(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            model.objects.using(schema_editor.connection.alias).update(status="published")

    return run
