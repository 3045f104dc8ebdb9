from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise

ANY = [("", _("Any"))]
# Filters whose choices are the model's, narrowed to values some listed exercise has.
IN_USE = {"area": "body_area", "difficulty": "difficulty", "equipment": "equipment"}


def values_in_use(exercises):
    """{field name: the values the given exercises have}, in one query."""
    rows = list(exercises.values(*IN_USE.values()).distinct())
    return {column: {row[column] for row in rows} for column in IN_USE.values()}


class ExerciseFilterForm(forms.Form):
    """The exercise library's filters; every one optional, all of them combined."""

    condition = forms.ChoiceField(label=_("Condition"), required=False)
    area = forms.ChoiceField(
        label=_("Body area"), required=False, choices=ANY + Exercise.BodyArea.choices
    )
    difficulty = forms.ChoiceField(
        label=_("Difficulty"), required=False, choices=ANY + Exercise.Difficulty.choices
    )
    equipment = forms.ChoiceField(
        label=_("Equipment"), required=False, choices=ANY + Exercise.Equipment.choices
    )

    def __init__(self, *args, conditions=(), in_use=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = ANY + [(c.slug, c.name) for c in conditions]
        if in_use is not None:  # a filter that would always list nothing is not offered
            for name, column in IN_USE.items():
                field = self.fields[name]
                field.choices = [
                    (value, label)
                    for value, label in field.choices
                    if value == "" or value in in_use[column]
                ]

    def filter(self, exercises):
        """Apply the valid filters to a queryset; invalid ones are reported, not applied."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("condition"):
            exercises = exercises.filter(conditions__slug=data["condition"])
        if data.get("area"):
            exercises = exercises.filter(body_area=data["area"])
        if data.get("difficulty"):
            exercises = exercises.filter(difficulty=data["difficulty"])
        if data.get("equipment"):
            exercises = exercises.filter(equipment=data["equipment"])
        return exercises.distinct()
