"""Natural keys for one load of fixtures (``load_content``), each looked up at most once.

Django's deserializer finds the existing row of every fixture object by its natural key
(``natural_key()`` of the object as read, then ``get_by_natural_key``) and the row of every
natural foreign key the same way: a query or more each time, however often the load has seen
that key, and a triage rule's natural key walks its option, question and questionnaire with a
query each. ``KnownRows`` keeps what one load has found and saved; ``Deserializer`` is Django's
JSON deserializer that asks it first. The objects it gives are the ones Django's would, holding
in their relation cache the rows they link that the load knows.
"""

from django.core.serializers import base
from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DEFAULT_DB_ALIAS, models


def is_natural_key(value):
    """A natural key value as fixtures hold them (a list), not a primary key (as Django tells)."""
    return hasattr(value, "__iter__") and not isinstance(value, str)


def has_natural_keys(model):
    return hasattr(model._default_manager, "get_by_natural_key") and hasattr(model, "natural_key")


class KnownRows:
    """The rows one load has found or saved, by natural key and by primary key.

    ``find`` answers "which row does ``get_by_natural_key(*key)`` find?" as the database would:
    with the row this load found by that key or saved under it (a row saved from a fixture is
    the one its natural key finds: fixtures carry no ``draft_of`` and link rows by natural key,
    which finds live rows only), or, for a model that had no rows at all when the load first
    asked, with "none" unless this load saved one under that key. Otherwise it asks the
    database, and keeps the row it finds. Rows of the models must be saved through the load
    (``saved``) while it lasts.
    """

    def __init__(self, using=DEFAULT_DB_ALIAS):
        self.using = using
        self._by_key = {}  # (model, natural key) -> row
        self._by_pk = {}  # (model, pk) -> row
        self._only_saved_here = {}  # model -> whether every row of it was saved by this load

    def known(self, model, key):
        """The row found or saved under this natural key, or None when not known (no query)."""
        return self._by_key.get((model, tuple(key)))

    def find(self, model, key):
        """The row ``get_by_natural_key(*key)`` finds, or None if there is none."""
        key = tuple(key)
        row = self.known(model, key)
        if row is not None:
            return row
        if self.only_saved_here(model):
            return None
        try:
            row = model._default_manager.db_manager(self.using).get_by_natural_key(*key)
        except model.DoesNotExist:
            return None
        self._remember(row, key)
        return row

    def only_saved_here(self, model):
        """True while every row of ``model`` is one this load saved (it had none when first
        asked), so a natural key it did not save names no row."""
        if model not in self._only_saved_here:
            self._only_saved_here[model] = not model._base_manager.using(self.using).exists()
        return self._only_saved_here[model]

    def saved(self, obj, deferred_fields=()):
        """Keep a row this load saved, under its natural key. A foreign key among the
        ``deferred_fields`` (set only at the end of the file) may change that key, so such a
        row is not kept, and its model is no longer one whose rows are all known here."""
        if has_natural_keys(type(obj)) and not any(f.many_to_one for f in deferred_fields):
            self._remember(obj, obj.natural_key())
        else:
            self._only_saved_here[type(obj)] = False

    def link_known_rows(self, obj):
        """Put the rows ``obj`` links that this load knows in its relation cache, so its
        natural key (and anything else that follows those links) needs no query."""
        for field in type(obj)._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one) or field.is_cached(obj):
                continue
            if field.target_field != field.related_model._meta.pk:
                continue
            row = self._by_pk.get((field.related_model, getattr(obj, field.attname)))
            if row is not None:
                field.set_cached_value(obj, row)

    def _remember(self, row, key):
        model = type(row)
        self.link_known_rows(row)
        self._by_key[(model, tuple(key))] = row
        self._by_pk[(model, row.pk)] = row


class _FromKnownRows(PythonDeserializer):
    """Django's deserializer of fixture objects (5.2), finding rows by natural key with
    ``rows`` (``KnownRows``) instead of a query each time."""

    def __init__(self, objects, *, rows, **options):
        super().__init__(objects, using=rows.using, **options)
        self.rows = rows

    def _handle_fk_field_node(self, field, field_value):
        row = self._known(field.remote_field.model, field_value)
        if row is None:
            return super()._handle_fk_field_node(field, field_value)
        value = getattr(row, field.remote_field.field_name)
        return value.pk if field.remote_field.model._meta.pk.remote_field else value

    def _handle_m2m_field_node(self, field, field_value):
        if not isinstance(field_value, (list, tuple)):  # Django's to read (or refuse)
            return super()._handle_m2m_field_node(field, field_value)
        rows = [self._known(field.remote_field.model, value) for value in field_value]
        if None in rows:
            return super()._handle_m2m_field_node(field, field_value)
        return [row.pk for row in rows]

    def _known(self, model, value):
        if value is None or not is_natural_key(value) or not has_natural_keys(model):
            return None
        return self.rows.known(model, value)

    def _handle_object(self, obj):
        """Django's (5.2), line for line but the last: the object is built by
        ``build_instance`` below. (Compare it with Django's when upgrading Django.)"""
        data, m2m_data, deferred_fields = {}, {}, {}
        try:
            Model = self._get_model_from_node(obj["model"])
        except base.DeserializationError:
            if self.ignorenonexistent:
                return
            raise
        if "pk" in obj:
            try:
                data[Model._meta.pk.attname] = Model._meta.pk.to_python(obj.get("pk"))
            except Exception as e:
                raise base.DeserializationError.WithData(
                    e, obj["model"], obj.get("pk"), None
                ) from e
        if Model not in self.field_names_cache:
            self.field_names_cache[Model] = {f.name for f in Model._meta.get_fields()}
        field_names = self.field_names_cache[Model]
        for field_name, field_value in obj["fields"].items():
            if self.ignorenonexistent and field_name not in field_names:
                continue
            field = Model._meta.get_field(field_name)
            if field.remote_field and isinstance(field.remote_field, models.ManyToManyRel):
                try:
                    values = self._handle_m2m_field_node(field, field_value)
                except base.M2MDeserializationError as e:
                    raise base.DeserializationError.WithData(
                        e.original_exc, obj["model"], obj.get("pk"), e.pk
                    ) from e
                if values == base.DEFER_FIELD:
                    deferred_fields[field] = field_value
                else:
                    m2m_data[field.name] = values
            elif field.remote_field and isinstance(field.remote_field, models.ManyToOneRel):
                try:
                    value = self._handle_fk_field_node(field, field_value)
                except Exception as e:
                    raise base.DeserializationError.WithData(
                        e, obj["model"], obj.get("pk"), field_value
                    ) from e
                if value == base.DEFER_FIELD:
                    deferred_fields[field] = field_value
                else:
                    data[field.attname] = value
            else:
                try:
                    data[field.name] = field.to_python(field_value)
                except Exception as e:
                    raise base.DeserializationError.WithData(
                        e, obj["model"], obj.get("pk"), field_value
                    ) from e
        yield base.DeserializedObject(self.build_instance(Model, data), m2m_data, deferred_fields)

    def build_instance(self, Model, data):
        """``django.core.serializers.base.build_instance``: the object, with the primary key of
        the row its natural key finds, if any; here found with ``rows``. It holds the rows it
        links that the load knows, as does the object its natural key is read from."""
        pk = Model._meta.pk
        if data.get(pk.attname) is None and has_natural_keys(Model):
            obj = Model(**data)
            obj._state.db = self.using
            self.rows.link_known_rows(obj)
            row = self.rows.find(Model, obj.natural_key())
            if row is not None:
                data[pk.attname] = pk.to_python(row.pk)
        obj = Model(**data)
        self.rows.link_known_rows(obj)
        return obj


class Deserializer(JSONDeserializer, _FromKnownRows):
    """Django's JSON deserializer (reading the file and wrapping errors as Django does) over
    ``_FromKnownRows``; ``rows`` is the load's ``KnownRows``."""
