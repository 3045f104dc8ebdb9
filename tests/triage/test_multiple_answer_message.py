"""A question with several answers, left unanswered, says what to do with the answers it has."""

import pytest

from tests.factories import OptionFactory, QuestionFactory
from triage.live.forms import AnswerForm
from triage.models import Question

pytestmark = pytest.mark.django_db


def unanswered_errors(question):
    form = AnswerForm({}, question=question, options=question.options.all(), action="/")
    assert not form.is_valid()
    return form.errors["answer"]


def test_a_question_with_a_none_answer_names_it():
    question = QuestionFactory(kind=Question.Kind.MULTIPLE)
    OptionFactory(question=question, label="Buttock")
    OptionFactory(question=question, label="None of these", exclusive=True)

    assert unanswered_errors(question) == ["Select at least one answer, or 'None of these'."]


def test_a_question_without_a_none_answer_does_not_mention_one():
    question = QuestionFactory(kind=Question.Kind.MULTIPLE)
    OptionFactory(question=question, label="Buttock")
    OptionFactory(question=question, label="Lower back")

    assert unanswered_errors(question) == ["Select at least one answer."]
