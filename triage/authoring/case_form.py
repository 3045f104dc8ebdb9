"""The form that saves a staff preview's answers as a clinician test case of that version."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conditions.models import Condition
from triage.engine import scoring
from triage.live.forms import BootstrapForm
from triage.models import TriageTestCase


class CaseForm(BootstrapForm, forms.ModelForm):
    """A test case saved from a preview: the walked answers, and what the clinician expects,
    prefilled from the outcome."""

    class Meta:
        model = TriageTestCase
        fields = [
            "name",
            "description",
            "expected_disposition",
            "alternative_disposition",
            "expected_top_condition",
            "acceptable_top3",
        ]
        widgets = {"acceptable_top3": forms.CheckboxSelectMultiple}

    def __init__(self, *args, questionnaire, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.questionnaire = questionnaire
        self.instance.answers = answers
        self.fields["expected_top_condition"].empty_label = _("No condition should be shown")

    @classmethod
    def prefilled(cls, questionnaire, submission):
        result = scoring.Result.from_dict(submission.result)
        slugs = [match.condition for match in result.conditions]
        conditions = {c.slug: c for c in Condition.objects.published().filter(slug__in=slugs)}
        return cls(
            questionnaire=questionnaire,
            answers=submission.answers,
            initial={
                "name": _("C%(number)s ") % {"number": questionnaire.test_cases.count() + 1},
                "expected_disposition": result.disposition,
                "expected_top_condition": conditions.get(result.top_condition),
                "acceptable_top3": [conditions[slug] for slug in slugs if slug in conditions],
            },
        )

    def clean_name(self):
        name = self.cleaned_data["name"]
        if self.instance.questionnaire.test_cases.filter(name=name).exists():
            raise forms.ValidationError(
                _("This version already has a test case called “%(name)s”: choose another name.")
                % {"name": name}
            )
        return name
