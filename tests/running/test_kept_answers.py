"""Answers kept between a session's pages are read back only while each is still one of its
question's answers, as the question's form would accept it."""

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from running.forms import SESSION_STEPS, AnswerForm, choices_for
from running.views import answers_from

FLAGS = [
    SimpleNamespace(slug="bladder", sign="Trouble peeing", level="emergency"),
    SimpleNamespace(slug="fever", sign="A fever", level="urgent"),
]
SOME_ANSWERS = st.one_of(
    st.sampled_from(["none", "bladder", "fever", "0", "3", "10", "11", "yes", "no", " 3", ""]),
    st.text(max_size=5),
    st.integers(-2, 12),
    st.lists(st.sampled_from(["none", "3"]), max_size=2),
    st.none(),
)


def form_accepts(question, value):
    form = AnswerForm({"answer": value}, choices=choices_for(question, FLAGS))
    return form.is_valid() and form.cleaned_data["answer"] == value


@given(st.fixed_dictionaries({q.code: SOME_ANSWERS for q in SESSION_STEPS}))
def test_kept_answers_are_read_back_exactly_as_far_as_each_questions_form_accepts_them(kept):
    expected = {}
    for question in SESSION_STEPS:
        if not form_accepts(question, kept[question.code]):
            break
        expected[question.code] = kept[question.code]

    assert answers_from(kept, SESSION_STEPS, FLAGS) == expected
