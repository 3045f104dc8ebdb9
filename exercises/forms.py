from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise

ANY = [("", _("Any"))]


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

    def __init__(self, *args, conditions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = ANY + [(c.slug, c.name) for c in conditions]

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
