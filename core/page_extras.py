"""What one app adds to a page of another app that may not import it.

The page's view asks ``extras_for(page, obj)`` for more context; the adding app registers a
function with ``add_to_page`` in its ``AppConfig.ready``. A condition's page lists the
exercises linked to it this way: the links belong to ``exercises``, which ``conditions`` may
not import.
"""

from collections import defaultdict

_context_functions = defaultdict(list)  # page (its URL name) → [function(obj) → dict]


def add_to_page(page, context_for):
    """Have ``context_for(obj)`` add its variables to the context of ``page`` showing ``obj``."""
    if context_for not in _context_functions[page]:
        _context_functions[page].append(context_for)


def extras_for(page, obj):
    """The variables every registered app adds to ``page`` showing ``obj``."""
    context = {}
    for context_for in _context_functions[page]:
        context.update(context_for(obj))
    return context
