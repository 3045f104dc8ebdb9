"""Each result's list item is joined from a frame rendered once per item: it must be what
rendering the item's template with its snippet gives, whatever the item's text holds."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from core.calls import EMERGENCY_CALL, URGENT_CALL
from search.engine import Result
from search.views import result_frame, results_html

texts = st.text(alphabet=st.sampled_from("ab <>&\"'-!snipet"), max_size=30) | st.just(
    "<!--snippet-->"
)
results = st.builds(
    Result,
    pk=st.integers(1, 5),
    kind=texts,
    title=texts,
    url=st.sampled_from(["/conditions/disc/", "/exercises/plank/?a=1&b=<2>"]),
    summary=texts,
    call=st.sampled_from(["", EMERGENCY_CALL, URGENT_CALL]),
    score=st.just(1.0),
)
snippets = st.sampled_from(["", "a <mark>plank</mark> &amp; more", "…<mark>x</mark>…"])


@settings(max_examples=200, deadline=None)
@given(found=results, snippet=snippets)
def test_a_result_joined_from_its_frame_is_its_template_rendered(found, snippet):
    found.snippet = mark_safe(snippet)

    expected = render_to_string("search/_result.html", {"result": found})

    assert results_html([found]) == expected


def test_a_frame_is_rendered_once_for_every_search_that_shows_the_item():
    result_frame.cache_clear()
    found = Result(1, "Exercise", "Plank", "/exercises/plank/", "Hold it.", "", score=1.0)
    found.snippet = mark_safe("<mark>plank</mark>")

    for _ in range(3):
        results_html([found])

    assert result_frame.cache_info().misses == 1
    assert result_frame.cache_info().hits == 2
