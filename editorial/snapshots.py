"""An item with its parts as labelled text, from the database or from a stored revision, so
any two states (live, draft, revision) compare the same way."""

from django.db import models
from django.utils.text import capfirst

from editorial import registry
from editorial.registry import content_fields


def display(obj, f):
    value = getattr(obj, f.attname)
    if value is None or value == "":
        return ""
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation:
        try:
            return str(getattr(obj, f.name))
        except f.related_model.DoesNotExist:
            return f"#{value} (deleted)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def related_names(f, pks):
    rows = f.related_model._default_manager.filter(pk__in=pks)
    return ", ".join(sorted(str(row) for row in rows))


def labelled(row, f):
    """A part's field as shown in its line: a number or yes/no with its field's name (a stage's
    "3 · 3 · 2" told a reviewer nothing), words as they are."""
    text = display(row, f)
    bare = isinstance(f, models.IntegerField | models.FloatField | models.DecimalField)
    if text and (bare or isinstance(f, models.BooleanField)) and not f.choices:
        return f"{f.verbose_name}: {text}"
    return text


def part_line(row, part):
    fields = [f for f in content_fields(type(row)) if f.name != part.fk]
    return " · ".join(text for f in fields if (text := labelled(row, f)))


def snapshot(obj, *, m2m=None, parts=None):
    """{label: text}. ``m2m`` ({name: [pk]}) and ``parts`` ({accessor: [rows]}) replace what
    is read from the database, for states kept in a revision."""
    model = type(obj)
    entry = registry.entry(model)
    result = {}
    for f in content_fields(model):
        result[str(capfirst(f.verbose_name))] = display(obj, f)
    for f in entry.m2m_fields:
        pks = m2m[f.name] if m2m is not None else [row.pk for row in getattr(obj, f.name).all()]
        result[str(capfirst(f.verbose_name))] = related_names(f, pks)
    for part in entry.parts:
        rows = (
            parts.get(part.accessor, [])
            if parts is not None
            else list(getattr(obj, part.accessor).all())
        )
        load_related(rows, part)
        lines = sorted(
            (
                ([str(getattr(row, n, "")) for n in ordering(part)], part_line(row, part))
                for row in rows
            ),
        )  # rows in their own order; equal order numbers by their text, so ties never swap
        label = str(capfirst(part.model._meta.verbose_name_plural))
        result[label] = "\n".join(line for _key, line in lines)
    return result


def load_related(rows, part):
    """Fetch what the rows point to in one query per relation, not one per row."""
    for f in part.model._meta.concrete_fields:
        if not f.is_relation or f.name == part.fk:
            continue
        pks = {getattr(row, f.attname) for row in rows} - {None}
        found = f.related_model._default_manager.in_bulk(pks)
        for row in rows:
            target = found.get(getattr(row, f.attname))
            if target is not None:
                setattr(row, f.name, target)


def ordering(part):
    names = [name.lstrip("-") for name in part.model._meta.ordering or []]
    return [name for name in names if name not in ("id", "pk")]  # copies get new ids


def snapshot_of_version(version):
    """The item as one revision kept it, with the parts saved in the same revision."""
    stored = version._object_version
    obj = stored.object
    entry = registry.entry(type(obj))
    parts = {}
    for part in entry.parts:
        rows = []
        for other in version.revision.version_set.all():
            if other.content_type.model_class() is not part.model:
                continue
            row = other._object_version.object
            if getattr(row, f"{part.fk}_id") == obj.pk:
                rows.append(row)
        parts[part.accessor] = rows
    m2m = {f.name: stored.m2m_data.get(f.name, []) for f in entry.m2m_fields}
    return snapshot(obj, m2m=m2m, parts=parts)
