"""Watch every ``==`` and ``!=`` in a template's ``{% if %}`` during the tests: one whose two
sides are names that both resolve to None (usually two names missing from the context, as a
question without a ``picture`` compared with a missing ``Picture.BODY_MAP``) is recorded, so
the test that rendered it fails (``tests/conftest.py``). Django's ``if`` swallows errors and resolves a
missing name to None, so such a comparison is silently true (or false) on a live page."""

from django.template import Variable, smartif

both_none = []
CONSTANTS = {None, ("None",), ("True",), ("False",)}  # lookups of literals and Django's builtins


def _is_name(operand):
    """Whether the operand is a name looked up in the context (not a literal such as None)."""
    variable = getattr(getattr(operand, "value", None), "var", None)
    return isinstance(variable, Variable) and variable.lookups not in CONSTANTS


def _text(operand):
    return getattr(operand, "text", repr(operand))


def _watched(operator):
    evaluate = operator.eval

    def eval(self, context):  # noqa: A001 (the name Django's operators use)
        sides = (self.first, self.second)
        if all(_is_name(side) and side.eval(context) is None for side in sides):
            both_none.append(f"{_text(self.first)} {self.id} {_text(self.second)}")
        return evaluate(self, context)

    return eval


def watch():
    for symbol in ("==", "!="):
        operator = smartif.OPERATORS[symbol]
        if not getattr(operator, "watched", False):
            operator.eval = _watched(operator)
            operator.watched = True
