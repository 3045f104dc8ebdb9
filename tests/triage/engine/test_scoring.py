"""The scoring engine on rule books built as plain data: ranking, thresholds and rule-outs.
No database: the engine reads no models."""

from triage.engine import scoring
from triage.engine.scoring import Ask, Choice, Effect, RuleBook, assess


def book(*choices, threshold=4):
    return RuleBook(
        version=1, threshold=threshold, questions=(Ask(code="q", kind="multiple", choices=choices),)
    )


def test_ties_are_broken_by_condition_slug():
    rules = book(
        Choice(code="a", effects=(Effect(reason="b", condition="bbb", weight=5),)),
        Choice(code="b", effects=(Effect(reason="a", condition="aaa", weight=5),)),
    )

    result = assess(answers={"q": ["a", "b"]}, rules=rules)

    assert [m.condition for m in result.conditions] == ["aaa", "bbb"]


def test_weak_evidence_below_the_threshold_shows_no_condition():
    rules = book(Choice(code="a", effects=(Effect(reason="weak", condition="x", weight=3),)))

    assert assess(answers={"q": ["a"]}, rules=rules).conditions == ()


def test_at_most_three_conditions_are_shown():
    rules = book(
        *(
            Choice(code=c, effects=(Effect(reason=c, condition=c, weight=5),))
            for c in ("a", "b", "c", "d")
        )
    )

    result = assess(answers={"q": ["a", "b", "c", "d"]}, rules=rules)

    assert len(result.conditions) == 3


def test_negative_weights_lower_a_score_but_are_not_shown_as_reasons():
    rules = book(
        Choice(code="a", effects=(Effect(reason="for", condition="x", weight=5),)),
        Choice(code="b", effects=(Effect(reason="against", condition="x", weight=-1),)),
    )

    match = assess(answers={"q": ["a", "b"]}, rules=rules).conditions[0]

    assert (match.score, match.reasons) == (4, ("for",))


def test_a_rule_that_rules_a_condition_out_keeps_it_from_the_result_whatever_its_score():
    rules = book(
        Choice(code="a", effects=(Effect(reason="for", condition="x", weight=5),)),
        Choice(code="b", effects=(Effect(reason="for", condition="x", weight=5),)),
        Choice(
            code="c", effects=(Effect(reason="never at this age", condition="x", rules_out=True),)
        ),
    )

    assert assess(answers={"q": ["a", "b", "c"]}, rules=rules).conditions == ()


def test_a_rule_that_rules_a_condition_out_leaves_the_other_conditions_ranked():
    rules = book(
        Choice(code="a", effects=(Effect(reason="for x", condition="x", weight=5),)),
        Choice(code="b", effects=(Effect(reason="for y", condition="y", weight=4),)),
        Choice(code="c", effects=(Effect(reason="not x", condition="x", rules_out=True),)),
    )

    result = assess(answers={"q": ["a", "b", "c"]}, rules=rules)

    assert [m.condition for m in result.conditions] == ["y"]


def test_a_rule_out_that_needs_another_answer_does_nothing_without_it():
    rules = RuleBook(
        version=1,
        threshold=4,
        questions=(
            Ask(
                code="q",
                kind="multiple",
                choices=(
                    Choice(code="a", effects=(Effect(reason="for", condition="x", weight=5),)),
                    Choice(
                        code="b",
                        effects=(
                            Effect(
                                reason="not with young",
                                condition="x",
                                rules_out=True,
                                only_with=("age", "young"),
                            ),
                        ),
                    ),
                ),
            ),
            Ask(code="age", kind="single", choices=(Choice(code="young"), Choice(code="old"))),
        ),
    )

    def shown(age):
        answers = {"q": ["a", "b"], "age": age}
        return [m.condition for m in assess(answers=answers, rules=rules).conditions]

    assert (shown("old"), shown("young")) == (["x"], [])


def test_a_condition_clearly_behind_the_first_is_only_a_possible_match():
    rules = book(
        Choice(code="a", effects=(Effect(reason="a", condition="first", weight=5),)),
        Choice(code="b", effects=(Effect(reason="b", condition="first", weight=5),)),
        Choice(code="c", effects=(Effect(reason="c", condition="first", weight=4),)),
        Choice(code="d", effects=(Effect(reason="d", condition="second", weight=5),)),
        Choice(code="e", effects=(Effect(reason="e", condition="second", weight=4),)),
    )

    result = assess(answers={"q": ["a", "b", "c", "d", "e"]}, rules=rules)

    assert [(m.score, m.likelihood) for m in result.conditions] == [
        (14, scoring.STRONG),
        (9, scoring.POSSIBLE),
    ]
