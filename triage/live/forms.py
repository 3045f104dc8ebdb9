"""The questionnaire's forms: the start page's consent and one form per question page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from triage.engine import scoring
from triage.models import Question

CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.YES_NO, Question.Kind.MULTIPLE}


WIDGET_CLASSES = {"checkbox": "form-check-input", "select": "form-select"}


def answer_field(kind, *, choices, **kwargs):
    """The ``answer`` field of a question page, the questionnaire's or the runner's log's
    (``triage/_answer_field.html`` draws it): checkboxes, a whole-number box or radios."""
    if kind == scoring.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs
        )
    if kind == scoring.NUMBER:
        return forms.IntegerField(**kwargs)
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs)


class BootstrapBoundField(forms.BoundField):
    """Gives the widget Bootstrap 5's class for its kind, and ``is-invalid`` with an error."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        classes = [WIDGET_CLASSES.get(self.widget_type, "form-control")]
        if self.errors:
            classes.append("is-invalid")
        attrs["class"] = " ".join(classes)
        return attrs


class BootstrapForm:
    """A form drawn by ``{{ form }}`` in Bootstrap 5's markup: triage/forms/form.html."""

    template_name = "triage/forms/form.html"
    bound_field_class = BootstrapBoundField


class StartForm(BootstrapForm, forms.Form):
    consent = forms.BooleanField(
        required=False,
        label=_(
            "I agree that clinicians may read my anonymous answers and result to check and "
            "improve this questionnaire"
        ),
        help_text=_(
            "Optional. Nothing that identifies you is ever stored. Whether you tick this or not, "
            "your result is kept for %(days)s days, so that you can reopen, print or show it, and "
            "then deleted."
        ),
    )

    def __init__(self, *args, days, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["consent"]
        field.help_text = field.help_text % {"days": days}


class AnswerForm(forms.Form):
    """One question: radios, checkboxes or a number box, named ``answer``.

    The page draws the field itself (``triage/_answer_field.html``): the question as the
    legend or label, then the hint, then the options, as the NHS pattern has it. Every
    question must be answered, but the field is not marked required so that no browser
    pop-up appears; ``clean_answer`` gives the message instead.
    """

    def __init__(self, *args, question, options, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.options = list(options)
        self.action = action
        self.fields["answer"] = self.make_field()

    def make_field(self):
        kind = self.question.kind
        if kind == scoring.MULTIPLE:
            invalid = {"invalid_choice": _("Select only the answers shown.")}
        elif kind == scoring.NUMBER:
            invalid = {"invalid": _("Enter a whole number, such as 42.")}
        else:
            invalid = {"invalid_choice": _("Select one of the answers shown.")}
        return answer_field(
            kind,
            label=self.question.text,
            choices=[(option.code, option.label) for option in self.options],
            error_messages=invalid,
            required=False,
        )

    @property
    def error_anchor(self):
        """Where the error summary's link goes: the first radio or checkbox, or the box."""
        field_id = self["answer"].auto_id
        return f"{field_id}_0" if self.question.kind in CHOICE_KINDS else field_id

    def choose_message(self):
        """What to do, naming the answers when there are few: "Choose one answer: Yes, No or
        I'm not sure." """
        labels = [str(option.label) for option in self.options]
        if not 2 <= len(labels) <= 4:
            return _("Select an answer.")
        choices = _("%(first)s or %(last)s") % {
            "first": ", ".join(labels[:-1]),
            "last": labels[-1],
        }
        return _("Choose one answer: %(choices)s.") % {"choices": choices}

    def choose_some_message(self):
        """What to do on a question with several answers, naming its "none of these" answer
        where it has one (not every such question does)."""
        none = next((str(option.label) for option in self.options if option.exclusive), None)
        if none is None:
            return _("Select at least one answer.")
        return _("Select at least one answer, or '%(none)s'.") % {"none": none}

    def clean_answer(self):
        value = self.cleaned_data.get("answer")
        kind = self.question.kind
        if kind == Question.Kind.NUMBER:
            return self.clean_number(value)
        if not value:
            if kind == Question.Kind.MULTIPLE:
                raise forms.ValidationError(self.choose_some_message())
            raise forms.ValidationError(self.choose_message())
        if kind == Question.Kind.MULTIPLE:
            exclusive = {option.code for option in self.options if option.exclusive}
            if set(value) & exclusive and len(value) > 1:
                raise forms.ValidationError(
                    _("'%(label)s' cannot be chosen together with other answers.")
                    % {
                        "label": next(
                            o.label for o in self.options if o.code in value and o.exclusive
                        )
                    }
                )
            order = [option.code for option in self.options]
            return sorted(set(value), key=order.index)  # each value once, however often sent
        return value

    def clean_number(self, value):
        question = self.question
        if value is None:
            raise forms.ValidationError(
                _("This question needs an answer: enter a whole number, such as 42.")
            )
        low, high = question.min_value, question.max_value
        if (low is not None and value < low) or (high is not None and value > high):
            raise forms.ValidationError(
                _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
            )
        return value
