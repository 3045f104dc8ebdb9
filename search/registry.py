"""The one list of what the site search covers; content apps add to it in ``searchable.py``.

Each entry names a model, the label shown on results, and a function giving the item's text
by weight: "A" (title words), "B" (summary and key terms) and "C" (the body). ``call`` gives
the number a red flag says to call: such items come first in every search they match, with a
call button. ``parents`` maps child models (steps, linked symptoms…) to the items whose text
they are part of, so saving a child keeps its parent's entry current. Only
``model.objects.live()`` is ever indexed or shown, with the live rows it links to.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

REGISTRY = {}


@dataclass(frozen=True)
class Searchable:
    model: type
    kind: str
    weighted: Callable  # item -> {"A": text, "B": text, "C": text}
    summary: Callable = attrgetter("summary")
    title: Callable = attrgetter("name")
    url: Callable = field(default=lambda item: item.get_absolute_url())
    call: Callable = field(default=lambda item: "")  # a red flag's number: ranked first
    prefetch: tuple = ()
    parents: dict = field(default_factory=dict)  # child model -> child -> [(model, pk), …]


def register(*searchables):
    for searchable in searchables:
        REGISTRY[searchable.model._meta.label_lower] = searchable


def for_model(model):
    return REGISTRY.get(model._meta.label_lower)


def joined(*parts):
    return " ".join(str(part) for part in parts if part)
