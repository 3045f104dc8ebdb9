"""Property tests of the scoring engine on rule books built as plain data (no database)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from triage.engine import scoring
from triage.engine.scoring import assess

SLUGS = st.sampled_from(["aaa", "bbb", "ccc", "ddd"])
WEIGHTED = st.lists(
    st.tuples(SLUGS, st.integers(min_value=-5, max_value=5).filter(bool)), min_size=1, max_size=12
)


def weighted_book(weights, threshold):
    """One multiple-choice question with an option per weight, all chosen."""
    choices = tuple(
        scoring.Choice(
            code=f"o{index}",
            effects=(scoring.Effect(reason=f"r{index}", condition=slug, weight=weight),),
        )
        for index, (slug, weight) in enumerate(weights)
    )
    rules = scoring.RuleBook(
        version=1,
        threshold=threshold,
        questions=(scoring.Ask(code="q", kind=scoring.MULTIPLE, choices=choices),),
    )
    return rules, {"q": [choice.code for choice in choices]}


def assert_strong_only_near_the_top(conditions, threshold):
    strong = [m for m in conditions if m.likelihood == scoring.STRONG]
    if not conditions:
        return
    top = conditions[0].score
    assert all(top - m.score < threshold and m.score >= 2 * threshold for m in strong)
    if len(conditions) > 1 and top - conditions[1].score >= threshold:
        assert [m.condition for m in strong] in ([], [conditions[0].condition])


def test_only_matches_within_the_threshold_of_the_top_are_strong():
    @settings(max_examples=300, deadline=None)
    @given(weights=WEIGHTED, threshold=st.integers(min_value=1, max_value=6))
    def check(weights, threshold):
        rules, answers = weighted_book(weights, threshold)
        result = assess(answers=answers, rules=rules)
        assert_strong_only_near_the_top(result.conditions, threshold)

    check()
