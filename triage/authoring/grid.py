"""The rules grid: one version's questions and options as rows, conditions as columns.

``build_grid`` reads a version in four queries whatever its size. ``GridForm`` is a plain form
(one field per cell, so it works without JavaScript); ``apply_grid`` turns the cells that
changed into rule edits, all in one transaction or none. A cell holds a weight from -5 to +5 or
``x``: the answer rules the condition out, whatever its score.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conditions.models import Condition
from conditions.urgency import Urgency
from editorial.models import LIVE_ROWS, Status
from triage.models import (
    FORCEABLE,
    WEIGHT_MAX,
    WEIGHT_MIN,
    Option,
    Question,
    Questionnaire,
    Rule,
    RunningEffect,
    asking_order,
    refuse_if_fixed,
)


@dataclass
class GridRow:
    option: Option
    weights: list  # [(condition, rule or None)] in column order
    disposition: Rule | None
    running: Rule | None
    # {condition pk: [rule]}: more weights of a cell that fire only with another answer; they
    # are shown in the cell and edited on the option's page.
    more: dict = field(default_factory=dict)

    def field(self, kind, condition=None):
        return cell_name(kind, self.option.pk, condition.pk if condition else None)

    def points(self, index, condition):
        """The most this answer adds toward the condition in column ``index``."""
        rules = [self.weights[index][1], *self.more.get(condition.pk, ())]
        return sum(r.weight for r in rules if r and not r.rules_out and r.weight > 0)


@dataclass
class Grid:
    questionnaire: Questionnaire
    conditions: list
    sections: list  # [(question, [GridRow])]

    def most_each_can_score(self):
        """[(condition, points)]: the most each condition can score, taking the best option
        of each single-answer question and every positive option of a multiple-choice one.
        A cell that rules the condition out adds nothing."""
        totals = dict.fromkeys(self.conditions, 0)
        for question, rows in self.sections:
            for index, condition in enumerate(self.conditions):
                points = [row.points(index, condition) for row in rows]
                if question.kind == Question.Kind.MULTIPLE:
                    totals[condition] += sum(points)
                else:
                    totals[condition] += max(points, default=0)
        return list(totals.items())


def cell_name(kind, option_pk, condition_pk=None):
    return f"{kind}-{option_pk}-{condition_pk}" if condition_pk else f"{kind}-{option_pk}"


def build_grid(questionnaire):
    rules = list(
        Rule.objects.filter(option__question__questionnaire=questionnaire).select_related(
            "only_with__question"
        )
    )
    options = Option.objects.filter(question__questionnaire=questionnaire)
    questions = sorted(
        Question.objects.filter(questionnaire=questionnaire).select_related(
            "show_if_option__question"
        ),
        key=asking_order,
    )
    used = {rule.condition_id for rule in rules if rule.condition_id}
    conditions = list(
        Condition.objects.filter(Q(pk__in=used) | Q(status=Status.PUBLISHED, **LIVE_ROWS))
    )
    conditions.sort(key=lambda condition: condition.name)
    by_option = {}
    for rule in rules:
        by_option.setdefault(rule.option_id, []).append(rule)
    options_of = {}
    for option in options:
        options_of.setdefault(option.question_id, []).append(option)
    sections = []
    for question in questions:
        rows = []
        for option in options_of.get(question.pk, []):
            option_rules = by_option.get(option.pk, [])
            weight_of, more = {}, {}
            # The cell edits the rule that fires on this answer alone, if there is one.
            for rule in sorted(option_rules, key=lambda r: r.only_with_id is not None):
                if rule.condition_id in weight_of:
                    more.setdefault(rule.condition_id, []).append(rule)
                elif rule.condition_id:
                    weight_of[rule.condition_id] = rule
            rows.append(
                GridRow(
                    option=option,
                    weights=[(condition, weight_of.get(condition.pk)) for condition in conditions],
                    disposition=next((r for r in option_rules if r.forced_disposition), None),
                    running=next((r for r in option_rules if r.running), None),
                    more=more,
                )
            )
        sections.append((question, rows))
    return Grid(questionnaire=questionnaire, conditions=conditions, sections=sections)


class GridForm(forms.Form):
    """Every cell of the grid; ``stamp`` is the version's edit counter when the page was
    opened, so that two people editing one draft cannot overwrite each other."""

    stamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        self.fields["stamp"].initial = grid.questionnaire.edit_version
        for question, rows in grid.sections:
            for row in rows:
                where = f"{question.text} → {row.option.label}"
                for condition, rule in row.weights:
                    self.fields[row.field("w", condition)] = WeightField(
                        initial=cell_value(rule),
                        label=f"{where}: {condition.name}",
                        widget=forms.TextInput(
                            attrs={"aria-label": f"{where}: {condition.name}", "size": 3}
                        ),
                    )
                self.fields[row.field("d")] = forms.ChoiceField(
                    required=False,
                    choices=[("", "–"), *FORCEABLE],
                    initial=row.disposition.forced_disposition if row.disposition else "",
                    label=f"{where}: {_('forced disposition')}",
                    widget=forms.Select(attrs={"aria-label": f"{where}: {_('forces')}"}),
                )
                self.fields[row.field("r")] = forms.ChoiceField(
                    required=False,
                    choices=[("", "–"), *RunningEffect.choices],
                    initial=row.running.running if row.running else "",
                    label=f"{where}: {_('running advice')}",
                    widget=forms.Select(attrs={"aria-label": f"{where}: {_('running advice')}"}),
                )

    def sections(self):
        """[(question, [(row, [(condition, rule, field, more)], disposition field, running
        field)])] for the template: each cell with its bound field, value, errors and the
        weights that fire only with another answer."""
        return [
            (
                question,
                [
                    (
                        row,
                        [
                            (c, rule, self[row.field("w", c)], row.more.get(c.pk, []))
                            for c, rule in row.weights
                        ],
                        self[row.field("d")],
                        self[row.field("r")],
                    )
                    for row in rows
                ],
            )
            for question, rows in self.grid.sections
        ]

    def clean_stamp(self):
        stamp = self.cleaned_data["stamp"]
        if stamp != str(self.grid.questionnaire.edit_version):
            raise ValidationError(STALE)
        return stamp


RULES_OUT = "x"
OUT_OF_RANGE = gettext_lazy(
    "Use a whole number from %(min)s to +%(max)s, or x to rule the condition out."
) % {"min": WEIGHT_MIN, "max": WEIGHT_MAX}
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,3}")


class WeightField(forms.CharField):
    """A grid cell: empty (no rule), a whole number from -5 to +5, or ``x`` (rules the
    condition out; "×" is taken too). Cleans to None, an int or ``RULES_OUT``."""

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=4, strip=True, **kwargs)
        self.validators = []  # to_python checks everything; its value is not text

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if value.lower() in (RULES_OUT, "×"):
            return RULES_OUT
        if not WHOLE_NUMBER.fullmatch(value) or not WEIGHT_MIN <= int(value) <= WEIGHT_MAX:
            raise ValidationError(OUT_OF_RANGE, code="invalid")
        return int(value)


def cell_value(rule):
    """What a cell holds for its rule: None, the weight, or ``RULES_OUT``."""
    if rule is None:
        return None
    return RULES_OUT if rule.rules_out else rule.weight


STALE = gettext_lazy(
    "Someone else changed this version after you opened the grid, so nothing was saved. "
    "The grid now shows their changes: make yours again and save."
)


def default_reason(option, rules):
    """What a new rule tells the runner: the reason another rule of this option gives, or
    the answer itself. Clinicians can reword it on the option's page."""
    return next((rule.reason for rule in rules if rule.reason), option.label)[:300]


def rule_in_live(option, kind, condition):
    """The live version's rule of the same answer and cell, if there is one: a rule cleared and
    set again on a draft takes back its reason, red flag and running factor from it, instead of
    telling runners the answer's own words."""
    live = Questionnaire.objects.live()
    if live is None or live.pk == option.question.questionnaire_id:
        return None
    rules = Rule.objects.filter(
        option__question__questionnaire=live,
        option__question__code=option.question.code,
        option__code=option.code,
        only_with__isnull=True,
    )
    if kind == "w":
        rules = rules.filter(condition=condition)
    else:
        rules = rules.exclude(**{"forced_disposition" if kind == "d" else "running": ""})
    return rules.select_related("red_flag", "risk_factor").first()


def red_flag_for(option, urgency, earlier):
    """The red flag a new emergency or urgent rule names: the live rule's, else the one another
    answer to the same question names for the same urgency (the yes an "I'm not sure" stands
    for). None leaves the version unpublishable until a clinician links one."""
    if earlier and earlier.forced_disposition == urgency and earlier.red_flag_id:
        return earlier.red_flag
    sibling = (
        Rule.objects.filter(
            option__question_id=option.question_id,
            forced_disposition=urgency,
            red_flag__isnull=False,
            only_with__isnull=True,
        )
        .select_related("red_flag")
        .first()
    )
    return sibling.red_flag if sibling else None


def changed_cells(form):
    """[(row, kind, condition or None, old rule or None, new value)] for cells that changed."""
    changes = []
    for _question, rows in form.grid.sections:
        for row in rows:
            for condition, rule in row.weights:
                new = form.cleaned_data.get(row.field("w", condition)) or 0
                if new != (cell_value(rule) or 0):
                    changes.append((row, "w", condition, rule, new))
            for kind, rule, attribute in (
                ("d", row.disposition, "forced_disposition"),
                ("r", row.running, "running"),
            ):
                new = form.cleaned_data.get(row.field(kind)) or ""
                if new != (getattr(rule, attribute) if rule else ""):
                    changes.append((row, kind, None, rule, new))
    return changes


def edit_for(row, kind, condition, rule, new):
    """The rule to save (or delete, when ``new`` is empty) for one changed cell."""
    if not new:
        return rule, True
    earlier = None
    if rule is None:
        option_rules = [r for _, r in row.weights if r] + [
            r for r in (row.disposition, row.running) if r
        ]
        earlier = rule_in_live(row.option, kind, condition)
        reason = earlier.reason if earlier else default_reason(row.option, option_rules)
        rule = Rule(option=row.option, reason=reason)
        if kind == "w":
            rule.condition = condition
    if kind == "w":
        rule.rules_out = new == RULES_OUT
        rule.weight = 0 if rule.rules_out else new
    elif kind == "d":
        rule.forced_disposition = new
        if new not in (Urgency.EMERGENCY, Urgency.URGENT):
            rule.red_flag = None
        elif rule.red_flag_id is None:
            rule.red_flag = red_flag_for(row.option, new, earlier)
    else:
        rule.running = new
        if new != RunningEffect.MODIFY:
            rule.risk_factor = None
        elif rule.risk_factor_id is None and earlier and earlier.running == new:
            rule.risk_factor = earlier.risk_factor
    return rule, False


def apply_grid(form):
    """Save the cells that changed; returns how many rules changed. Raises ValidationError
    (and saves nothing) when the version is live, was changed meanwhile, or a rule is refused."""
    questionnaire = form.grid.questionnaire
    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        refuse_if_fixed(locked)
        if locked.edit_version != questionnaire.edit_version or locked.is_submitted:
            raise ValidationError(STALE)
        changes = changed_cells(form)
        for row, kind, condition, rule, new in changes:
            rule, delete = edit_for(row, kind, condition, rule, new)
            if delete:
                rule.delete()
                continue
            try:
                rule.full_clean()
            except ValidationError as refusal:
                raise ValidationError(
                    _("%(where)s: %(problem)s")
                    % {"where": str(row.option.label), "problem": "; ".join(refusal.messages)}
                ) from refusal
            rule.save()
    return len(changes)
